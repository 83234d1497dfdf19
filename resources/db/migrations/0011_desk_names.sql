-- Desks by name in either language: a desk has an English name beside its Arabic one, so the
-- search filter, the command line and every screen can take "Politics" as well as "سياسة".
-- The checklist of stories without a desk is kept on the reserved row `_no-desk` (a desk id
-- can never start with "_", so no real desk takes it; the application never lists it as a desk).
ALTER TABLE mihbara.desks ADD COLUMN latin_name text NOT NULL DEFAULT ''
  CHECK (length(latin_name) <= 120);

CREATE OR REPLACE FUNCTION mihbara.put_desk(p_doc jsonb) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  PERFORM mihbara.me();
  IF mihbara.my_role() <> 'admin' THEN
    PERFORM mihbara.refuse('MH403', 'role', 'only an administrator changes people and desks');
  END IF;
  INSERT INTO mihbara.desks (id, name, latin_name, checklist)
    VALUES (p_doc ->> 'id', p_doc ->> 'name', coalesce(p_doc ->> 'latinName', ''),
            coalesce(p_doc -> 'checklist', '{}'))
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, latin_name = excluded.latin_name,
      checklist = excluded.checklist;
END
$$;
