-- Mihbara team mode, schema 4: the newsroom's small shared documents on the server.
--
-- Tags, their change log, the gazetteer and saved searches (`newsroom/*.json`), and publishing's
-- channels and delivery log (`publishing/channels.json`, `publishing/deliveries.ndjson`) were
-- files in each workstation's folder, so two workstations kept two different tag lists. They now
-- live here, one row per path, as the exact text the app writes (not jsonb: the delivery log is
-- appended line by line, in `shared_lines`).
--
-- Why one table of paths rather than the tags/entities tables of schema 1: the services above
-- read and rewrite whole documents (a tag merge rewrites the list and appends to its change log
-- in one step), and each document's shape is validated by its own zod schema in the app; a row
-- per document keeps one write per update and one version per document to check.
--
-- An update is read-modify-write: `lock_file` takes a transaction-scoped lock on the path (an
-- advisory lock, because the row may not exist yet and FOR UPDATE cannot lock a missing row),
-- the app computes the new text, and `write_file` stores it with the version it read. Two
-- workstations' updates are serialized by the lock and a stale version is refused (MH409), so
-- neither overwrites the other. Logins still write nothing directly.

CREATE TABLE mihbara.shared_files (
  path text PRIMARY KEY
    CHECK (path ~ '^(newsroom|publishing)(/[A-Za-z0-9][A-Za-z0-9._-]*)+$' AND path !~ '\.\.'),
  content text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);

-- Append-only logs (the delivery log) get one row per line: appending to one text value would
-- rewrite the whole log on every line. A path's text is its `shared_files` content followed by
-- its lines in order.
CREATE TABLE mihbara.shared_lines (
  seq bigserial PRIMARY KEY,
  path text NOT NULL,
  line text NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  written_by text NOT NULL
);
CREATE INDEX shared_lines_path ON mihbara.shared_lines (path, seq);

GRANT SELECT ON mihbara.shared_files, mihbara.shared_lines TO mihbara_editor, mihbara_desk_chief, mihbara_admin;
ALTER TABLE mihbara.shared_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE mihbara.shared_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY newsroom_reads ON mihbara.shared_files FOR SELECT
  TO mihbara_editor, mihbara_desk_chief, mihbara_admin USING (true);
CREATE POLICY newsroom_reads ON mihbara.shared_lines FOR SELECT
  TO mihbara_editor, mihbara_desk_chief, mihbara_admin USING (true);

-- Who may change which document: everyone the newsroom's own documents (the tag, gazetteer and
-- saved-search services apply their finer rules); publishing's log only those who publish; its
-- channels only an administrator.
CREATE FUNCTION mihbara.check_file_write(p_path text) RETURNS mihbara.users
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.me();
  r text := mihbara.my_role();
BEGIN
  IF p_path IS NULL OR p_path !~ '^(newsroom|publishing)(/[A-Za-z0-9][A-Za-z0-9._-]*)+$' OR p_path ~ '\.\.' THEN
    PERFORM mihbara.refuse('MH400', 'invalid', format('%s is not a shared document of the newsroom', p_path));
  END IF;
  IF p_path = 'publishing/channels.json' AND r <> 'admin' THEN
    PERFORM mihbara.refuse('MH403', 'role', 'only an administrator configures publishing channels');
  END IF;
  IF p_path LIKE 'publishing/%' AND r NOT IN ('desk-chief', 'admin') THEN
    PERFORM mihbara.refuse('MH403', 'role', format('%s may not publish', r));
  END IF;
  RETURN u;
END
$$;

/* Serializes writers of one path until the caller's transaction ends; returns what is there. */
CREATE FUNCTION mihbara.lock_file(p_path text) RETURNS TABLE (content text, version integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  PERFORM mihbara.check_file_write(p_path);
  PERFORM pg_advisory_xact_lock(hashtext('mihbara.shared_files:' || p_path));
  RETURN QUERY SELECT f.content, f.version FROM mihbara.shared_files f WHERE f.path = p_path;
END
$$;

/*
 * Writes a document's whole text. `p_base` is the version it was computed from (0: there was
 * none); NULL writes whatever is there (a plain replace, as a file write is). Returns the new version.
 */
CREATE FUNCTION mihbara.write_file(p_path text, p_base integer, p_content text) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.check_file_write(p_path);
  cur integer;
BEGIN
  IF p_content IS NULL THEN
    PERFORM mihbara.refuse('MH400', 'invalid', 'a shared document needs a text');
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('mihbara.shared_files:' || p_path));
  SELECT f.version INTO cur FROM mihbara.shared_files f WHERE f.path = p_path;
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

/* Appends one line (an append-only log): earlier lines are never rewritten. */
CREATE FUNCTION mihbara.append_file(p_path text, p_line text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.check_file_write(p_path);
BEGIN
  IF p_line IS NULL THEN
    PERFORM mihbara.refuse('MH400', 'invalid', 'a line needs a text');
  END IF;
  -- Taken as readers of the path expect: after a whole write of it, not interleaved with one.
  PERFORM pg_advisory_xact_lock(hashtext('mihbara.shared_files:' || p_path));
  INSERT INTO mihbara.shared_lines (path, line, written_by) VALUES (p_path, p_line, u.id);
END
$$;

CREATE FUNCTION mihbara.remove_file(p_path text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  PERFORM mihbara.check_file_write(p_path);
  PERFORM pg_advisory_xact_lock(hashtext('mihbara.shared_files:' || p_path));
  DELETE FROM mihbara.shared_files WHERE path = p_path;
  DELETE FROM mihbara.shared_lines WHERE path = p_path;
END
$$;

REVOKE EXECUTE ON FUNCTION mihbara.check_file_write(text), mihbara.lock_file(text),
  mihbara.write_file(text, integer, text), mihbara.append_file(text, text), mihbara.remove_file(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mihbara.lock_file(text), mihbara.write_file(text, integer, text),
  mihbara.append_file(text, text), mihbara.remove_file(text)
  TO mihbara_editor, mihbara_desk_chief, mihbara_admin;

/* Other workstations refresh their lists when a document changes (the path and version only). */
CREATE FUNCTION mihbara.notify_shared_file() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('mihbara_shared', jsonb_build_object('path', OLD.path, 'version', NULL)::text);
  ELSE
    PERFORM pg_notify('mihbara_shared', jsonb_build_object('path', NEW.path, 'version', NEW.version)::text);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER shared_files_notify AFTER INSERT OR UPDATE OR DELETE ON mihbara.shared_files
  FOR EACH ROW EXECUTE FUNCTION mihbara.notify_shared_file();

CREATE FUNCTION mihbara.notify_shared_line() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  PERFORM pg_notify('mihbara_shared', jsonb_build_object('path', NEW.path, 'line', NEW.seq)::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER shared_lines_notify AFTER INSERT ON mihbara.shared_lines
  FOR EACH ROW EXECUTE FUNCTION mihbara.notify_shared_line();
