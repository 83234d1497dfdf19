-- The newsroom's settings (house style, typing aids, spell checking, the headline limit the
-- checklist enforces) become one of the shared documents, `newsroom/settings.json`, read by every
-- workstation. Checked in the server: only an administrator changes them, whoever writes (the app
-- or SQL typed by hand), and every write keeps them a JSON object. They are written whole, never
-- appended to.

CREATE OR REPLACE FUNCTION mihbara.check_document_change(p_path text, p_old text, p_new text) RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  r text := mihbara.my_role();
  key text := CASE p_path
    WHEN 'newsroom/tags.json' THEN 'tags'
    WHEN 'newsroom/tag-changes.json' THEN 'changes'
    WHEN 'newsroom/gazetteer.json' THEN 'entities'
  END;
  doc jsonb;
  before jsonb;
BEGIN
  IF p_path = 'newsroom/settings.json' THEN
    IF p_new IS NOT NULL THEN
      BEGIN
        doc := p_new::jsonb;
      EXCEPTION WHEN others THEN
        PERFORM mihbara.refuse('MH400', 'invalid', 'the newsroom''s settings must be a JSON document');
      END;
      IF jsonb_typeof(doc) IS DISTINCT FROM 'object' THEN
        PERFORM mihbara.refuse('MH400', 'invalid', 'the newsroom''s settings must be a JSON object');
      END IF;
    END IF;
    IF r IS DISTINCT FROM 'admin' THEN
      PERFORM mihbara.refuse('MH403', 'role', 'only an administrator changes the newsroom''s settings');
    END IF;
    RETURN;
  END IF;
  IF key IS NULL THEN
    RETURN;
  END IF;
  IF p_new IS NOT NULL THEN
    BEGIN
      doc := p_new::jsonb;
    EXCEPTION WHEN others THEN
      PERFORM mihbara.refuse('MH400', 'invalid', format('%s must be a JSON document', p_path));
    END;
    IF jsonb_typeof(doc) IS DISTINCT FROM 'object' OR jsonb_typeof(doc -> key) IS DISTINCT FROM 'array' THEN
      PERFORM mihbara.refuse('MH400', 'invalid', format('%s must be an object with its %s list', p_path, key));
    END IF;
  END IF;
  IF r IN ('desk-chief', 'admin') THEN
    RETURN;
  END IF;
  IF key <> 'tags' OR p_new IS NULL THEN
    PERFORM mihbara.refuse('MH403', 'role',
      'only a desk chief or an administrator renames, merges or deletes tags or changes the gazetteer');
  END IF;
  BEGIN
    before := coalesce(p_old::jsonb, '{}');
  EXCEPTION WHEN others THEN
    before := '{}';
  END;
  IF jsonb_typeof(before -> 'tags') = 'array' AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(before -> 'tags') AS kept(tag)
     WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(doc -> 'tags') AS next(tag)
                        WHERE next.tag ->> 'name' IS NOT DISTINCT FROM kept.tag ->> 'name'))
  THEN
    PERFORM mihbara.refuse('MH403', 'role', 'an editor may add tags, not rename, merge or delete them');
  END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION mihbara.check_document_change(text, text, text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION mihbara.append_file(p_path text, p_line text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.check_file_write(p_path);
BEGIN
  IF p_line IS NULL THEN
    PERFORM mihbara.refuse('MH400', 'invalid', 'a line needs a text');
  END IF;
  -- The checked documents are written whole; a line appended would break their shape.
  IF p_path IN ('newsroom/tags.json', 'newsroom/tag-changes.json', 'newsroom/gazetteer.json',
                'newsroom/settings.json') THEN
    PERFORM mihbara.refuse('MH400', 'invalid', format('%s is written whole, not appended to', p_path));
  END IF;
  -- Taken as readers of the path expect: after a whole write of it, not interleaved with one.
  PERFORM pg_advisory_xact_lock(hashtext('mihbara.shared_files:' || p_path));
  INSERT INTO mihbara.shared_lines (path, line, written_by) VALUES (p_path, p_line, u.id);
END
$$;
