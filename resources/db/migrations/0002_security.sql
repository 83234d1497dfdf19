-- Mihbara team mode, schema 2: who may do what, enforced by the server.
--
-- Newsroom roles are database roles (mihbara_editor, mihbara_desk_chief, mihbara_admin); each
-- person's login is a member of one. Logins get SELECT on the tables (filtered by row-level
-- security) and no INSERT, UPDATE or DELETE at all: every change goes through the checked
-- functions below, which run as the schema owner (SECURITY DEFINER) with a pinned search_path
-- and apply the workflow's permission matrix (mihbara.transition_grants, mihbara.editable_states).
-- Errors carry SQLSTATE MH403 (forbidden), MH404 (not found), MH409 (stale version), MH423
-- (locked) and MH400 (invalid); the app maps them to its ApiError codes.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mihbara_editor') THEN
    CREATE ROLE mihbara_editor NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mihbara_desk_chief') THEN
    CREATE ROLE mihbara_desk_chief NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mihbara_admin') THEN
    CREATE ROLE mihbara_admin NOLOGIN;
  END IF;
END
$$;

REVOKE ALL ON SCHEMA mihbara FROM PUBLIC;
GRANT USAGE ON SCHEMA mihbara TO mihbara_editor, mihbara_desk_chief, mihbara_admin;

-- Reading: every table but the PIN hashes. No write privilege is granted to anyone.
GRANT SELECT ON mihbara.stories, mihbara.revisions, mihbara.history, mihbara.comments, mihbara.locks,
  mihbara.checkpoints, mihbara.live, mihbara.desks, mihbara.tags, mihbara.entities,
  mihbara.transition_grants, mihbara.editable_states
  TO mihbara_editor, mihbara_desk_chief, mihbara_admin;
GRANT SELECT (id, name, latin_name, initials, role, desks, db_login, created_at) ON mihbara.users
  TO mihbara_editor, mihbara_desk_chief, mihbara_admin;

-- Row-level security on every table: read policies only, so a write privilege granted by
-- mistake later still finds no policy that lets a row in or out.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['desks', 'users', 'stories', 'revisions', 'history', 'comments', 'locks',
    'checkpoints', 'live', 'tags', 'entities', 'transition_grants', 'editable_states']
  LOOP
    EXECUTE format('ALTER TABLE mihbara.%I ENABLE ROW LEVEL SECURITY', t);
    IF t <> 'locks' THEN
      EXECUTE format(
        'CREATE POLICY newsroom_reads ON mihbara.%I FOR SELECT TO mihbara_editor, mihbara_desk_chief, mihbara_admin USING (true)',
        t);
    END IF;
  END LOOP;
END
$$;
-- An expired lock is no lock: nobody sees it.
CREATE POLICY newsroom_reads ON mihbara.locks FOR SELECT
  TO mihbara_editor, mihbara_desk_chief, mihbara_admin USING (expires_at > now());

-- Who is calling: the newsroom role of the login (database membership, which a login cannot
-- give itself) and the newsroom user mapped to it.
CREATE FUNCTION mihbara.my_role() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
  SELECT CASE
    WHEN pg_has_role(session_user, 'mihbara_admin', 'MEMBER') THEN 'admin'
    WHEN pg_has_role(session_user, 'mihbara_desk_chief', 'MEMBER') THEN 'desk-chief'
    WHEN pg_has_role(session_user, 'mihbara_editor', 'MEMBER') THEN 'editor'
  END
$$;

CREATE FUNCTION mihbara.me() RETURNS mihbara.users
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users;
BEGIN
  SELECT * INTO u FROM mihbara.users WHERE db_login = session_user;
  IF NOT FOUND OR mihbara.my_role() IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MH403', MESSAGE = format('the login %s is not a newsroom user', session_user),
      DETAIL = 'role';
  END IF;
  RETURN u;
END
$$;

CREATE FUNCTION mihbara.refuse(code text, reason text, message text) RETURNS void
  LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = code, MESSAGE = message, DETAIL = reason;
END
$$;

-- Authors as a text array from the document.
CREATE FUNCTION mihbara.authors_of(doc jsonb) RETURNS text[]
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(array_agg(a), '{}') FROM jsonb_array_elements_text(coalesce(doc -> 'authors', '[]')) AS a
$$;

-- The fields only a workflow transition changes, and the fields a store write always changes.
CREATE FUNCTION mihbara.without_workflow(doc jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT doc - ARRAY['status', 'version', 'updatedAt', 'authors', 'publishAt', 'publishedAt', 'correction']
$$;

/* A new story. Editors create drafts that are theirs (or have no authors yet: imports). */
CREATE FUNCTION mihbara.create_story(p_doc jsonb) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.me();
  r text := mihbara.my_role();
  a text[] := mihbara.authors_of(p_doc);
BEGIN
  IF coalesce((p_doc ->> 'version')::int, 0) <> 1 OR coalesce(p_doc ->> 'id', '') = '' THEN
    PERFORM mihbara.refuse('MH400', 'invalid', 'a new story starts at version 1 with an id');
  END IF;
  IF r = 'editor' AND (p_doc ->> 'status' <> 'draft' OR NOT (cardinality(a) = 0 OR a = ARRAY[u.id])) THEN
    PERFORM mihbara.refuse('MH403', 'role', 'an editor creates only their own drafts');
  END IF;
  BEGIN
    INSERT INTO mihbara.stories (id, doc, authors, updated_at)
      VALUES (p_doc ->> 'id', p_doc, a, (p_doc ->> 'updatedAt')::timestamptz);
  EXCEPTION WHEN unique_violation THEN
    PERFORM mihbara.refuse('MH409', 'exists', format('a story with id %s exists already', p_doc ->> 'id'));
  END;
  INSERT INTO mihbara.revisions (story_id, version, actor, doc) VALUES (p_doc ->> 'id', 1, u.id, p_doc);
  RETURN p_doc;
END
$$;

/*
 * Every later write of a story. `p_base` is the version the writer read: a story that moved on
 * meanwhile is refused with MH409 and nothing is written. A change of status is a transition and
 * must be granted to the caller's role from the current state (own stories only, where the
 * matrix says so) and may not touch the text; any other change is a save, allowed in the states
 * the role may edit, on the editor's own stories, and it may not touch the workflow's fields.
 */
CREATE FUNCTION mihbara.save_story(p_id text, p_base integer, p_doc jsonb, p_restored_from integer DEFAULT NULL)
  RETURNS jsonb
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.me();
  r text := mihbara.my_role();
  cur mihbara.stories;
  next_status text := p_doc ->> 'status';
  own boolean;
  changed integer;
BEGIN
  SELECT * INTO cur FROM mihbara.stories WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM mihbara.refuse('MH404', 'not-found', format('no story with id %s', p_id));
  END IF;
  IF cur.version <> p_base THEN
    PERFORM mihbara.refuse('MH409', 'stale',
      format('story %s is at version %s, this save was based on version %s', p_id, cur.version, p_base));
  END IF;
  IF p_doc ->> 'id' IS DISTINCT FROM p_id OR (p_doc ->> 'version')::int IS DISTINCT FROM p_base + 1
     OR p_doc -> 'createdAt' IS DISTINCT FROM cur.doc -> 'createdAt' THEN
    PERFORM mihbara.refuse('MH400', 'invalid', 'a save keeps the id and creation time and adds one to the version');
  END IF;
  own := cardinality(cur.authors) = 0 OR u.id = ANY (cur.authors);

  IF next_status IS DISTINCT FROM cur.status THEN
    IF NOT EXISTS (
      SELECT 1 FROM mihbara.transition_grants g
      WHERE g.role = r AND g.from_status = cur.status AND g.to_status = next_status AND (NOT g.own_only OR own)
    ) THEN
      PERFORM mihbara.refuse('MH403', 'role', format('%s may not move a %s story to %s', r, cur.status, next_status));
    END IF;
    IF mihbara.without_workflow(p_doc) IS DISTINCT FROM mihbara.without_workflow(cur.doc) THEN
      PERFORM mihbara.refuse('MH403', 'state', 'a transition cannot change the text of the story');
    END IF;
    -- A story without authors becomes its submitter's.
    IF mihbara.authors_of(p_doc) IS DISTINCT FROM cur.authors
       AND NOT (cardinality(cur.authors) = 0 AND mihbara.authors_of(p_doc) = ARRAY[u.id]) THEN
      PERFORM mihbara.refuse('MH403', 'state', 'a transition cannot change the authors');
    END IF;
    IF next_status IN ('published', 'corrected') AND (cur.doc ->> 'embargo')::timestamptz > now() THEN
      PERFORM mihbara.refuse('MH403', 'embargoed', format('the story is under embargo until %s', cur.doc ->> 'embargo'));
    END IF;
  ELSE
    IF (p_doc - ARRAY['version', 'updatedAt', 'embargo']) IS DISTINCT FROM (cur.doc - ARRAY['version', 'updatedAt', 'embargo'])
       AND NOT EXISTS (SELECT 1 FROM mihbara.editable_states e WHERE e.role = r AND e.status = cur.status) THEN
      PERFORM mihbara.refuse('MH403', 'state', format('a %s story cannot be edited by %s', cur.status, r));
    END IF;
    IF r = 'editor' AND NOT own THEN
      PERFORM mihbara.refuse('MH403', 'not-author', 'an editor may change only stories they wrote');
    END IF;
    IF (p_doc -> 'authors', p_doc -> 'publishAt', p_doc -> 'publishedAt', p_doc -> 'correction')
       IS DISTINCT FROM (cur.doc -> 'authors', cur.doc -> 'publishAt', cur.doc -> 'publishedAt', cur.doc -> 'correction') THEN
      PERFORM mihbara.refuse('MH403', 'state', 'only a workflow transition changes authors, schedule, publication or correction');
    END IF;
    IF p_doc -> 'embargo' IS DISTINCT FROM cur.doc -> 'embargo' THEN
      IF cur.status IN ('published', 'corrected', 'correction', 'killed', 'unpublished') THEN
        PERFORM mihbara.refuse('MH403', 'state', 'an embargo no longer applies to a story that is out');
      END IF;
      IF p_doc ? 'embargo' AND (cur.status = 'scheduled' OR cur.doc ? 'publishAt') THEN
        PERFORM mihbara.refuse('MH403', 'embargo-and-schedule', 'a scheduled story cannot also be under embargo');
      END IF;
    END IF;
  END IF;

  UPDATE mihbara.stories
    SET doc = p_doc, authors = mihbara.authors_of(p_doc), updated_at = (p_doc ->> 'updatedAt')::timestamptz
    WHERE id = p_id AND version = p_base;
  GET DIAGNOSTICS changed = ROW_COUNT;
  IF changed <> 1 THEN
    PERFORM mihbara.refuse('MH409', 'stale', format('story %s changed while this save was being written', p_id));
  END IF;
  INSERT INTO mihbara.revisions (story_id, version, actor, restored_from, doc)
    VALUES (p_id, p_base + 1, u.id, p_restored_from, p_doc);
  RETURN p_doc;
END
$$;

/* Locks: held in the server, lapsing `p_idle_ms` after the last open or save. */
CREATE FUNCTION mihbara.lock_json(l mihbara.locks) RETURNS jsonb
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT jsonb_build_object('storyId', l.story_id, 'holder', l.holder, 'holderName', l.holder_name,
    'since', to_char(l.since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'touchedAt', to_char(l.touched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'expiresAt', to_char(l.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
$$;

CREATE FUNCTION mihbara.acquire_lock(p_story text, p_idle_ms integer) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.me();
  l mihbara.locks;
BEGIN
  PERFORM 1 FROM mihbara.stories WHERE id = p_story FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM mihbara.refuse('MH404', 'not-found', format('no story with id %s', p_story));
  END IF;
  DELETE FROM mihbara.locks WHERE story_id = p_story AND expires_at <= clock_timestamp();
  SELECT * INTO l FROM mihbara.locks WHERE story_id = p_story;
  IF FOUND AND l.holder <> u.id THEN
    RETURN jsonb_build_object('lock', mihbara.lock_json(l), 'mine', false);
  END IF;
  INSERT INTO mihbara.locks AS k (story_id, holder, holder_name, since, touched_at, expires_at)
    VALUES (p_story, u.id, u.name, clock_timestamp(), clock_timestamp(),
            clock_timestamp() + make_interval(secs => p_idle_ms / 1000.0))
    ON CONFLICT (story_id) DO UPDATE
      SET touched_at = excluded.touched_at, expires_at = excluded.expires_at
    RETURNING * INTO l;
  RETURN jsonb_build_object('lock', mihbara.lock_json(l), 'mine', true);
END
$$;

CREATE FUNCTION mihbara.release_lock(p_story text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  DELETE FROM mihbara.locks WHERE story_id = p_story AND holder = (mihbara.me()).id;
END
$$;

CREATE FUNCTION mihbara.take_over_lock(p_story text, p_idle_ms integer) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.me();
  prev mihbara.locks;
  l mihbara.locks;
BEGIN
  IF mihbara.my_role() = 'editor' THEN
    PERFORM mihbara.refuse('MH403', 'role', 'only a desk chief or an administrator can take over a lock');
  END IF;
  PERFORM 1 FROM mihbara.stories WHERE id = p_story FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM mihbara.refuse('MH404', 'not-found', format('no story with id %s', p_story));
  END IF;
  SELECT * INTO prev FROM mihbara.locks WHERE story_id = p_story AND expires_at > clock_timestamp();
  DELETE FROM mihbara.locks WHERE story_id = p_story;
  INSERT INTO mihbara.locks (story_id, holder, holder_name, since, touched_at, expires_at)
    VALUES (p_story, u.id, u.name, clock_timestamp(), clock_timestamp(),
            clock_timestamp() + make_interval(secs => p_idle_ms / 1000.0))
    RETURNING * INTO l;
  RETURN jsonb_build_object('lock', mihbara.lock_json(l),
    'previous', CASE WHEN prev.holder IS NOT NULL AND prev.holder <> u.id THEN mihbara.lock_json(prev) END);
END
$$;

/*
 * History lines are appended only, in the name of the caller (the scheduler's lines only by a
 * desk chief or an administrator), and each must follow the story's last line (hash chain).
 */
CREATE FUNCTION mihbara.append_history(p_story text, p_line text) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.me();
  p_entry jsonb := p_line::jsonb;
  last_hash text;
BEGIN
  IF p_entry ->> 'actor' IS DISTINCT FROM u.id
     AND NOT (p_entry ->> 'actor' = 'scheduler' AND mihbara.my_role() IN ('desk-chief', 'admin')) THEN
    PERFORM mihbara.refuse('MH403', 'role', 'a history line is written only in its author''s name');
  END IF;
  IF p_entry ->> 'kind' = 'transition'
     AND (SELECT status FROM mihbara.stories WHERE id = p_story) IS DISTINCT FROM p_entry ->> 'to' THEN
    PERFORM mihbara.refuse('MH403', 'state', 'a transition line must match the story''s status');
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('mihbara.history:' || p_story));
  SELECT entry ->> 'hash' INTO last_hash FROM mihbara.history WHERE story_id = p_story ORDER BY seq DESC LIMIT 1;
  IF p_entry ->> 'prev' IS DISTINCT FROM coalesce(last_hash, repeat('0', 64)) THEN
    PERFORM mihbara.refuse('MH409', 'stale', 'the history line does not follow the story''s last line');
  END IF;
  INSERT INTO mihbara.history (story_id, line) VALUES (p_story, p_line);
END
$$;

/*
 * Comments: anyone in the newsroom may comment in their own name; afterwards the author, text
 * and time stay as written and replies are only added, while anchors move and comments are
 * resolved or reopened by anyone.
 */
CREATE FUNCTION mihbara.put_comment(p_doc jsonb) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.me();
  cur mihbara.comments;
  n integer;
BEGIN
  SELECT * INTO cur FROM mihbara.comments WHERE id = p_doc ->> 'id' FOR UPDATE;
  IF NOT FOUND THEN
    IF p_doc ->> 'author' IS DISTINCT FROM u.id THEN
      PERFORM mihbara.refuse('MH403', 'role', 'a comment is written only in its author''s name');
    END IF;
    INSERT INTO mihbara.comments (id, story_id, author, doc) VALUES (p_doc ->> 'id', p_doc ->> 'storyId', u.id, p_doc);
    RETURN;
  END IF;
  n := jsonb_array_length(coalesce(cur.doc -> 'replies', '[]'));
  IF (p_doc -> 'author', p_doc -> 'text', p_doc -> 'at', p_doc -> 'storyId')
       IS DISTINCT FROM (cur.doc -> 'author', cur.doc -> 'text', cur.doc -> 'at', cur.doc -> 'storyId')
     OR jsonb_array_length(coalesce(p_doc -> 'replies', '[]')) < n
     OR EXISTS (SELECT 1 FROM generate_series(0, n - 1) i
                WHERE p_doc -> 'replies' -> i IS DISTINCT FROM cur.doc -> 'replies' -> i)
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p_doc -> 'replies', '[]')) WITH ORDINALITY AS x(reply, k)
                WHERE k > n AND reply ->> 'author' IS DISTINCT FROM u.id) THEN
    PERFORM mihbara.refuse('MH403', 'role', 'a comment keeps its author, text and replies; new replies are the caller''s');
  END IF;
  UPDATE mihbara.comments SET doc = p_doc WHERE id = cur.id;
END
$$;

/* A copy of the story at a workflow event: it must be a version the story really had. */
CREATE FUNCTION mihbara.put_checkpoint(p_story text, p_version integer, p_doc jsonb) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  PERFORM mihbara.me();
  IF NOT EXISTS (SELECT 1 FROM mihbara.revisions
                 WHERE story_id = p_story AND version = p_version AND doc = p_doc -> 'story') THEN
    PERFORM mihbara.refuse('MH403', 'state', 'a checkpoint must hold a version the story had');
  END IF;
  INSERT INTO mihbara.checkpoints (story_id, version, doc) VALUES (p_story, p_version, p_doc)
    ON CONFLICT (story_id, version) DO UPDATE SET doc = excluded.doc;
END
$$;

/* The live copy follows the story's publication, and only desk chiefs and administrators move it. */
CREATE FUNCTION mihbara.set_live(p_story text, p_doc jsonb) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  st mihbara.stories;
BEGIN
  PERFORM mihbara.me();
  IF mihbara.my_role() NOT IN ('desk-chief', 'admin') THEN
    PERFORM mihbara.refuse('MH403', 'role', format('%s may not publish', mihbara.my_role()));
  END IF;
  SELECT * INTO st FROM mihbara.stories WHERE id = p_story;
  IF p_doc IS NULL THEN
    IF st.status NOT IN ('unpublished', 'killed') THEN
      PERFORM mihbara.refuse('MH403', 'state', 'only an unpublished or killed story is taken down');
    END IF;
    DELETE FROM mihbara.live WHERE story_id = p_story;
  ELSE
    IF st.status NOT IN ('published', 'corrected') OR st.doc IS DISTINCT FROM p_doc THEN
      PERFORM mihbara.refuse('MH403', 'state', 'only the published version of a story goes live');
    END IF;
    INSERT INTO mihbara.live (story_id, doc) VALUES (p_story, p_doc)
      ON CONFLICT (story_id) DO UPDATE SET doc = excluded.doc;
  END IF;
END
$$;

/* People and desks: administrators only (a user may change their own PIN). */
CREATE FUNCTION mihbara.put_user(p_doc jsonb) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.me();
  cur mihbara.users;
BEGIN
  SELECT * INTO cur FROM mihbara.users WHERE id = p_doc ->> 'id';
  IF mihbara.my_role() <> 'admin' THEN
    IF cur.id IS DISTINCT FROM u.id OR (p_doc ->> 'role', p_doc ->> 'name', mihbara.authors_of(jsonb_build_object('authors', p_doc -> 'desks')))
         IS DISTINCT FROM (cur.role, cur.name, cur.desks) THEN
      PERFORM mihbara.refuse('MH403', 'role', 'only an administrator changes people and desks');
    END IF;
  END IF;
  INSERT INTO mihbara.users (id, name, latin_name, initials, role, desks, pin_hash, db_login, created_at)
    VALUES (p_doc ->> 'id', p_doc ->> 'name', coalesce(p_doc ->> 'latinName', ''), p_doc ->> 'initials',
            p_doc ->> 'role', mihbara.authors_of(jsonb_build_object('authors', p_doc -> 'desks')),
            p_doc ->> 'pinHash', nullif(p_doc ->> 'dbLogin', ''), coalesce((p_doc ->> 'createdAt')::timestamptz, now()))
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, latin_name = excluded.latin_name,
      initials = excluded.initials, role = excluded.role, desks = excluded.desks, pin_hash = excluded.pin_hash,
      db_login = coalesce(excluded.db_login, mihbara.users.db_login);
END
$$;

CREATE FUNCTION mihbara.put_desk(p_doc jsonb) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  PERFORM mihbara.me();
  IF mihbara.my_role() <> 'admin' THEN
    PERFORM mihbara.refuse('MH403', 'role', 'only an administrator changes people and desks');
  END IF;
  INSERT INTO mihbara.desks (id, name, checklist)
    VALUES (p_doc ->> 'id', p_doc ->> 'name', coalesce(p_doc -> 'checklist', '{}'))
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, checklist = excluded.checklist;
END
$$;

-- Only the checked functions are callable, and only by the newsroom.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA mihbara FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mihbara.my_role(), mihbara.me(), mihbara.create_story(jsonb),
  mihbara.save_story(text, integer, jsonb, integer), mihbara.acquire_lock(text, integer),
  mihbara.release_lock(text), mihbara.take_over_lock(text, integer), mihbara.append_history(text, text),
  mihbara.put_comment(jsonb), mihbara.put_checkpoint(text, integer, jsonb), mihbara.set_live(text, jsonb),
  mihbara.put_user(jsonb), mihbara.put_desk(jsonb)
  TO mihbara_editor, mihbara_desk_chief, mihbara_admin;

/* Live updates: every workstation LISTENs; payloads stay far below NOTIFY's 8000 bytes. */
CREATE FUNCTION mihbara.notify_story() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  PERFORM pg_notify('mihbara_stories', jsonb_build_object('id', NEW.id, 'version', NEW.version,
    'summary', CASE WHEN octet_length(NEW.summary::text) < 7000 THEN NEW.summary END)::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER stories_notify AFTER INSERT OR UPDATE ON mihbara.stories
  FOR EACH ROW EXECUTE FUNCTION mihbara.notify_story();

CREATE FUNCTION mihbara.notify_lock() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('mihbara_locks', jsonb_build_object('storyId', OLD.story_id, 'lock', NULL)::text);
    RETURN NULL;
  END IF;
  PERFORM pg_notify('mihbara_locks', jsonb_build_object('storyId', NEW.story_id, 'lock', mihbara.lock_json(NEW))::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER locks_notify AFTER INSERT OR UPDATE OR DELETE ON mihbara.locks
  FOR EACH ROW EXECUTE FUNCTION mihbara.notify_lock();

CREATE FUNCTION mihbara.notify_workflow() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, mihbara, pg_temp AS $$
BEGIN
  PERFORM pg_notify('mihbara_workflow', jsonb_build_object('table', TG_TABLE_NAME, 'storyId', NEW.story_id)::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER history_notify AFTER INSERT ON mihbara.history
  FOR EACH ROW EXECUTE FUNCTION mihbara.notify_workflow();
CREATE TRIGGER comments_notify AFTER INSERT OR UPDATE ON mihbara.comments
  FOR EACH ROW EXECUTE FUNCTION mihbara.notify_workflow();
