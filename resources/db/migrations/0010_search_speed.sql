-- Mihbara team mode, schema 10: a search's cost stops growing with the archive.
--
-- Until now a search found every story it matched (a word of a large archive matches tens of
-- thousands), counted them all, and ordered them all by date to rank the newest. Now:
--
-- - the count stops at a cap (the workstation asks for one more than it shows, and says "more
--   than N" when it reaches it), and is made by the same walk that finds the newest matches;
-- - when a search matches more stories than it ranks, its newest matches are found in the
--   newest part of the archive first: a window of the date index, widened (by the density of
--   matches seen so far) until it holds enough of them or covers everything. The newest n
--   matches of a window that holds at least n are the newest n of the whole archive, so the
--   answer is exactly the one of a full scan, at the cost of the window;
-- - filters have composite indexes that give their page in date order.
--
-- Both functions run as the caller: row-level security applies as to every other read.

-- The filters of a search (the jsonb of mihbara.matching_stories: status, desk, tag (its key),
-- subjects, author, authorKey, from, to) as SQL conditions on `s`, each starting with AND.
CREATE FUNCTION mihbara.search_filter(filters jsonb) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  cond text := '';
BEGIN
  IF filters ? 'status' THEN cond := cond || format(' AND s.status = %L', filters ->> 'status'); END IF;
  IF filters ? 'desk' THEN cond := cond || format(' AND s.desk = %L', filters ->> 'desk'); END IF;
  IF filters ? 'tag' THEN cond := cond || format(' AND s.tag_keys @> ARRAY[%L]::text[]', filters ->> 'tag'); END IF;
  IF filters ? 'subjects' THEN
    cond := cond || format(' AND s.subjects && %L::text[]',
      ARRAY(SELECT jsonb_array_elements_text(filters -> 'subjects')));
  END IF;
  IF filters ? 'author' THEN
    cond := cond || CASE WHEN coalesce(filters ->> 'authorKey', '') <> ''
      THEN format(' AND (%L = ANY (s.authors) OR strpos(s.byline_key, %L) > 0)', filters ->> 'author', filters ->> 'authorKey')
      ELSE format(' AND %L = ANY (s.authors)', filters ->> 'author') END;
  END IF;
  IF filters ? 'from' THEN cond := cond || format(' AND s.updated_at >= %L::timestamptz', filters ->> 'from'); END IF;
  IF filters ? 'to' THEN cond := cond || format(' AND s.updated_at <= %L::timestamptz', filters ->> 'to'); END IF;
  RETURN cond;
END
$$;

-- The matches of a search the workstation will rank or page: the newest `n` (by date, then id,
-- descending; all of them when there are fewer), with `total` (the same on every row) the
-- number of matches counted up to `cap` (a total of `cap` may mean more). Both come from one
-- walk of the newest window that holds max(n, cap) matches, or of the whole archive when no
-- window does: a common word is answered from the newest stories alone, a rare one through
-- the GIN index. The planner chooses per window (the date index tested row by row, or the GIN
-- index with the date range), with sequential scans off: testing every story's vector costs
-- far more than it estimates.
CREATE FUNCTION mihbara.search_candidates(q tsquery, filters jsonb, n integer, cap integer)
  RETURNS TABLE (id text, updated_at timestamptz, total integer)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, mihbara, pg_temp
  SET enable_seqscan = off AS $$
DECLARE
  cond text := 's.search_all @@ $1' || mihbara.search_filter(filters);
  wanted integer := greatest(n, cap, 1);
  stories bigint;
  span bigint;
  bound timestamptz;
  ids text[];
  ats timestamptz[];
  got integer;
BEGIN
  SELECT greatest(c.reltuples::bigint, 1) INTO stories FROM pg_catalog.pg_class c
    WHERE c.oid = 'mihbara.stories'::regclass;
  -- A first window that holds enough matches if they are at least a fiftieth of the archive: a
  -- walk of the date index stops at `wanted` matches however wide its window, and a walk of the
  -- GIN index visits only the window's matches, so a wide window costs little.
  span := greatest(wanted::bigint * 50, 100);
  LOOP
    bound := NULL;
    IF span < stories THEN
      SELECT s.updated_at INTO bound FROM mihbara.stories s
        ORDER BY s.updated_at DESC OFFSET span LIMIT 1;
    END IF;
    EXECUTE format(
      'SELECT array_agg(m.id ORDER BY m.updated_at DESC, m.id DESC), array_agg(m.updated_at ORDER BY m.updated_at DESC, m.id DESC)
       FROM (SELECT s.id, s.updated_at FROM mihbara.stories s WHERE %s AND s.updated_at >= $2
             ORDER BY s.updated_at DESC, s.id DESC LIMIT %s) AS m', cond, wanted)
      INTO ids, ats USING q, coalesce(bound, '-infinity'::timestamptz);
    got := coalesce(pg_catalog.array_length(ids, 1), 0);
    -- The newest `wanted` matches of a window that holds them are those of the whole archive.
    IF got >= wanted OR bound IS NULL THEN
      RETURN QUERY SELECT u.id, u.at, least(got, cap)
        FROM unnest(ids[1:n], ats[1:n]) AS u(id, at);
      RETURN;
    END IF;
    -- Wide enough for them at the density seen (twice, for safety), and at least four times wider.
    span := greatest(span * 4, (span * wanted * 2) / greatest(got, 1));
  END LOOP;
END
$$;

-- A filter alone pages through these in date order (the desk's and the state's stories); the
-- old single-column indexes are covered by them.
CREATE INDEX stories_desk_updated ON mihbara.stories (desk, updated_at DESC, id DESC);
CREATE INDEX stories_status_updated ON mihbara.stories (status, updated_at DESC, id DESC);
CREATE INDEX stories_updated_id ON mihbara.stories (updated_at DESC, id DESC);
DROP INDEX mihbara.stories_desk;
DROP INDEX mihbara.stories_status;
DROP INDEX mihbara.stories_updated;

REVOKE ALL ON FUNCTION mihbara.search_filter(jsonb), mihbara.search_candidates(tsquery, jsonb, integer, integer)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mihbara.search_filter(jsonb), mihbara.search_candidates(tsquery, jsonb, integer, integer)
  TO mihbara_editor, mihbara_desk_chief, mihbara_admin;
