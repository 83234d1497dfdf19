-- Mihbara team mode, schema 3: a lock is taken only by someone who may edit the story.
--
-- Schema 2's acquire_lock let any newsroom login lock any story, so an editor could keep a desk
-- chief's submitted story (or another editor's draft) locked by hand-written SQL. The lock now
-- asks the same question as a save (mihbara.save_story): may this role edit a story in this
-- state (mihbara.editable_states), and, for an editor, is it their own (or a story without
-- authors)? The app's workflow asks the same question first (shared/workflow/transitions.ts
-- `mayEdit`) and reads without locking, so only a hand-made call meets this refusal.

CREATE OR REPLACE FUNCTION mihbara.acquire_lock(p_story text, p_idle_ms integer) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.me();
  r text := mihbara.my_role();
  st mihbara.stories;
  l mihbara.locks;
BEGIN
  SELECT * INTO st FROM mihbara.stories WHERE id = p_story FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM mihbara.refuse('MH404', 'not-found', format('no story with id %s', p_story));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM mihbara.editable_states e WHERE e.role = r AND e.status = st.status) THEN
    PERFORM mihbara.refuse('MH403', 'state', format('a %s story cannot be edited (or locked) by %s', st.status, r));
  END IF;
  IF r = 'editor' AND cardinality(st.authors) > 0 AND NOT u.id = ANY (st.authors) THEN
    PERFORM mihbara.refuse('MH403', 'not-author', 'an editor may lock only stories they wrote');
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
