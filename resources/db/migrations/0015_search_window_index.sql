-- Mihbara team mode, schema 15: a search's matches come from the GIN index alone.
--
-- Since schema 10 a search found its newest matches by walking the newest stories in date order
-- (or a desk's and state's own index) and testing each story's vector against the query. Testing
-- a vector reads it whole from the TOAST table (a few kilobytes a story) and looks up each of the
-- query's words in it: tens of microseconds a story, which the planner does not count. A combination of words or filters that few of the newest
-- stories match tested thousands of them (p95 of 210–350 ms at 200,000 stories). The GIN index
-- could not answer instead: its posting lists of common words run over the whole archive, and
-- the query's prefix forms make a hundred of them.
--
-- Now the window of the archive (its newest hours), the desk and the state are columns of the
-- same GIN index as the vector (btree_gin), so one scan of that index intersects them: the
-- posting lists of the words are skipped through to the window instead of read whole, and no
-- story's vector is read to find the matches. The window is keyed by the hour (UTC), an
-- expression no other index has, so the planner cannot choose a walk of the date index that
-- tests vectors instead; date-order walks are off for that one query.
--
-- The answers are those of schema 10: the newest `n` matches of a window that holds at least
-- max(n, cap) of them are the newest `n` of the archive (a window widened to the hour only holds
-- more), and the count stops at `cap`. The window now starts at about twice that many stories
-- (in time, from the archive's first and last dates; no walk of the date index to find its
-- start) and widens by the density of matches it found.
--
-- The function runs as the caller, so row-level security applies as to every other read.
--
-- Building the index reads every story's vector once: about a minute at 200,000 stories, during
-- which `db migrate` holds saves back.

-- Its operator classes (for timestamp and text) are all this uses; trusted, so the database's
-- owner may create it without being a superuser (PostgreSQL 13 and later).
CREATE EXTENSION IF NOT EXISTS btree_gin SCHEMA mihbara_meta;

CREATE INDEX stories_search_window ON mihbara.stories USING gin
  (search_all, (date_trunc('hour', updated_at AT TIME ZONE 'UTC')), desk, status);
-- The vector's own index is covered by the new one (its first column).
DROP INDEX mihbara.stories_search;
ALTER INDEX mihbara.stories_search_window RENAME TO stories_search;

CREATE OR REPLACE FUNCTION mihbara.search_candidates(q tsquery, filters jsonb, n integer, cap integer)
  RETURNS TABLE (id text, updated_at timestamptz, total integer)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, mihbara, pg_temp
  SET enable_seqscan = off
  SET enable_indexscan = on AS $$
DECLARE
  cond text := 's.search_all @@ $1' || mihbara.search_filter(filters);
  wanted integer := greatest(n, cap, 1);
  stories double precision;
  newest timestamptz;
  oldest timestamptz;
  part double precision;
  bound timestamp;
  ids text[];
  ats timestamptz[];
  got integer;
BEGIN
  SELECT greatest(c.reltuples, 1) INTO stories FROM pg_catalog.pg_class c
    WHERE c.oid = 'mihbara.stories'::regclass;
  -- Both ends of the date index (two index probes).
  SELECT max(s.updated_at), min(s.updated_at) INTO newest, oldest FROM mihbara.stories s;
  IF filters ? 'to' THEN
    newest := least(newest, (filters ->> 'to')::timestamptz);
  END IF;
  part := least(1, 2.0 * wanted / stories);
  -- From here on, the index scans in date order are off (the function's SET restores them at
  -- its end): the matches come from bitmap scans of the GIN index.
  PERFORM pg_catalog.set_config('enable_indexscan', 'off', true);
  LOOP
    bound := CASE WHEN part < 1 AND newest > oldest
      THEN pg_catalog.date_trunc('hour', (newest - (newest - oldest) * part) AT TIME ZONE 'UTC') END;
    EXECUTE format(
      'SELECT array_agg(m.id ORDER BY m.updated_at DESC, m.id DESC), array_agg(m.updated_at ORDER BY m.updated_at DESC, m.id DESC)
       FROM (SELECT s.id, s.updated_at FROM mihbara.stories s WHERE %s %s
             ORDER BY s.updated_at DESC, s.id DESC LIMIT %s) AS m',
      cond,
      CASE WHEN bound IS NOT NULL
        THEN 'AND date_trunc(''hour'', s.updated_at AT TIME ZONE ''UTC'') >= $2' ELSE '' END,
      wanted)
      INTO ids, ats USING q, bound;
    got := coalesce(pg_catalog.array_length(ids, 1), 0);
    -- The newest `wanted` matches of a window that holds them are those of the whole archive.
    IF got >= wanted OR bound IS NULL THEN
      RETURN QUERY SELECT u.id, u.at, least(got, cap)
        FROM unnest(ids[1:n], ats[1:n]) AS u(id, at);
      RETURN;
    END IF;
    -- Wide enough for them at the density seen (twice, for safety), and at least four times wider.
    part := least(1, greatest(part * 4, part * wanted * 2 / greatest(got, 1)));
  END LOOP;
END
$$;

REVOKE ALL ON FUNCTION mihbara.search_candidates(tsquery, jsonb, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mihbara.search_candidates(tsquery, jsonb, integer, integer)
  TO mihbara_editor, mihbara_desk_chief, mihbara_admin;

-- Ranking: ts_rank_cd costs in proportion to the query's size, and a query word is the OR of
-- every prefixed form of it (a hundred and more for three words); the forms a story lacks add
-- nothing to its rank. The search statement ranks its candidates on the query's words that they
-- hold, found with these two (the same ranks, at a fraction of the cost).
-- The words of a query, as its text writes them: quoted, with ' and \ doubled.
CREATE FUNCTION mihbara.query_words(q tsquery) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(array_agg(DISTINCT replace(replace(m[1], '''''', ''''), '\\', '\')), '{}')
  FROM regexp_matches(q::text, '''((?:[^''\\]|''''|\\.)*)''', 'g') AS m
$$;

-- The query matching any of `words`, each taken as it is (no parsing): NULL for none.
CREATE FUNCTION mihbara.any_of_words(words text[]) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT string_agg('''' || replace(replace(w, '\', '\\'), '''', '''''') || '''', ' | ')::tsquery
  FROM unnest(words) AS w
$$;

REVOKE ALL ON FUNCTION mihbara.query_words(tsquery), mihbara.any_of_words(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mihbara.query_words(tsquery), mihbara.any_of_words(text[])
  TO mihbara_editor, mihbara_desk_chief, mihbara_admin;
