-- Tags and the gazetteer, checked in the server: whoever writes them, through the app or by SQL
-- typed by hand, an editor may add tags and nothing else; renaming, merging and deleting tags
-- (the tag list losing a name, the change log) and changing the gazetteer are for desk chiefs and
-- administrators. Every writer keeps the documents' shape, so no write can leave the other
-- workstations with a document they cannot read.

/* Refuses a change of one of the newsroom's checked documents that the caller may not make. */
CREATE FUNCTION mihbara.check_document_change(p_path text, p_old text, p_new text) RETURNS void
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

CREATE OR REPLACE FUNCTION mihbara.write_file(p_path text, p_base integer, p_content text) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.check_file_write(p_path);
  cur integer;
  old text;
BEGIN
  IF p_content IS NULL THEN
    PERFORM mihbara.refuse('MH400', 'invalid', 'a shared document needs a text');
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('mihbara.shared_files:' || p_path));
  SELECT f.version, f.content INTO cur, old FROM mihbara.shared_files f WHERE f.path = p_path;
  PERFORM mihbara.check_document_change(p_path, old, p_content);
  IF p_base IS NOT NULL AND coalesce(cur, 0) <> p_base THEN
    PERFORM mihbara.refuse('MH409', 'stale',
      format('%s is at version %s, this write was based on version %s', p_path, coalesce(cur, 0), p_base));
  END IF;
  INSERT INTO mihbara.shared_files (path, content, version, updated_at, updated_by)
    VALUES (p_path, p_content, 1, clock_timestamp(), u.id)
    ON CONFLICT (path) DO UPDATE SET content = excluded.content, version = mihbara.shared_files.version + 1,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by;
  -- A whole write replaces the text, lines appended before it included.
  DELETE FROM mihbara.shared_lines WHERE path = p_path;
  RETURN coalesce(cur, 0) + 1;
END
$$;

CREATE OR REPLACE FUNCTION mihbara.append_file(p_path text, p_line text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.check_file_write(p_path);
BEGIN
  IF p_line IS NULL THEN
    PERFORM mihbara.refuse('MH400', 'invalid', 'a line needs a text');
  END IF;
  -- The checked documents are written whole; a line appended would break their shape.
  IF p_path IN ('newsroom/tags.json', 'newsroom/tag-changes.json', 'newsroom/gazetteer.json') THEN
    PERFORM mihbara.refuse('MH400', 'invalid', format('%s is written whole, not appended to', p_path));
  END IF;
  -- Taken as readers of the path expect: after a whole write of it, not interleaved with one.
  PERFORM pg_advisory_xact_lock(hashtext('mihbara.shared_files:' || p_path));
  INSERT INTO mihbara.shared_lines (path, line, written_by) VALUES (p_path, p_line, u.id);
END
$$;

CREATE OR REPLACE FUNCTION mihbara.remove_file(p_path text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  PERFORM mihbara.check_file_write(p_path);
  PERFORM pg_advisory_xact_lock(hashtext('mihbara.shared_files:' || p_path));
  PERFORM mihbara.check_document_change(p_path, NULL, NULL);
  DELETE FROM mihbara.shared_files WHERE path = p_path;
  DELETE FROM mihbara.shared_lines WHERE path = p_path;
END
$$;
