-- Mihbara team mode, schema 17: the search window starts from the dates' statistics.
--
-- Schema 15 placed a search's first window (about twice the matches it wants, in stories) by
-- interpolating between the archive's first and last dates. Stories are not spread evenly in
-- time: an archive imported from past years with a few stories edited today put that window in
-- the empty months between, found nothing there, and searched the whole archive (five times the
-- processor time of schema 14 for a common word at 200,000 stories).
--
-- Now the window's start comes from the histogram of the dates that ANALYZE keeps (a hundred
-- bounds, each between two hundredths of the stories): the bound below the newest wanted part,
-- so the first window holds at least about twice the stories wanted, and at least a hundredth of
-- the archive. The histogram is read through a function, since the table's row-level security
-- hides its statistics from newsroom logins (they are dates only). Without statistics (a new
-- database) the window falls back to the first and last dates. Stories written since the last
-- ANALYZE are newer than every bound: a window always holds them. The answers do not depend on
-- where a window starts (schema 15), only the cost does.

-- The bounds of the histogram of the stories' dates (NULL before the first ANALYZE).
CREATE FUNCTION mihbara.story_date_bounds() RETURNS timestamptz[]
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT s.histogram_bounds::text::timestamptz[] FROM pg_catalog.pg_stats s
  WHERE s.schemaname = 'mihbara' AND s.tablename = 'stories' AND s.attname = 'updated_at'
$$;

REVOKE ALL ON FUNCTION mihbara.story_date_bounds() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mihbara.story_date_bounds() TO mihbara_editor, mihbara_desk_chief, mihbara_admin;

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
  bounds timestamptz[] := mihbara.story_date_bounds();
  buckets integer := coalesce(pg_catalog.array_length(bounds, 1), 0) - 1;
  newest timestamptz;
  oldest timestamptz;
  part double precision;
  below integer;
  bound timestamp;
  ids text[];
  ats timestamptz[];
  got integer;
BEGIN
  SELECT greatest(c.reltuples, 1) INTO stories FROM pg_catalog.pg_class c
    WHERE c.oid = 'mihbara.stories'::regclass;
  IF buckets < 2 THEN
    -- No statistics yet: both ends of the date index (two index probes).
    SELECT max(s.updated_at), min(s.updated_at) INTO newest, oldest FROM mihbara.stories s;
  END IF;
  part := least(1, 2.0 * wanted / stories);
  -- From here on, the index scans in date order are off (the function's SET restores them at
  -- its end): the matches come from bitmap scans of the GIN index.
  PERFORM pg_catalog.set_config('enable_indexscan', 'off', true);
  LOOP
    bound := NULL;
    IF part < 1 AND buckets >= 2 THEN
      -- The histogram's bound below the newest `part` of the stories.
      below := floor((1 - part) * buckets)::integer;
      IF below > 0 THEN
        bound := pg_catalog.date_trunc('hour', bounds[below + 1] AT TIME ZONE 'UTC');
        part := (buckets - below)::double precision / buckets;
      END IF;
    ELSIF part < 1 AND newest > oldest THEN
      bound := pg_catalog.date_trunc('hour', (newest - (newest - oldest) * part) AT TIME ZONE 'UTC');
    END IF;
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
