-- Mihbara team mode, schema 5: deactivated people stay deactivated.
--
-- The administrator's screen deactivates a person instead of removing them (their name stays on
-- the stories and history they wrote). Schema 2's users had no such column, so `put_user` dropped
-- the flag and the person came back active on every workstation. The flag now lives here, is
-- carried by `put_user`, and is enforced by the server itself: a deactivated person's login is no
-- longer a newsroom user (`me()` refuses it with the reason `inactive`), whatever their
-- workstation believes.

ALTER TABLE mihbara.users ADD COLUMN active boolean NOT NULL DEFAULT true;

GRANT SELECT (active) ON mihbara.users TO mihbara_editor, mihbara_desk_chief, mihbara_admin;

CREATE OR REPLACE FUNCTION mihbara.me() RETURNS mihbara.users
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users;
BEGIN
  SELECT * INTO u FROM mihbara.users WHERE db_login = session_user;
  IF NOT FOUND OR mihbara.my_role() IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MH403', MESSAGE = format('the login %s is not a newsroom user', session_user),
      DETAIL = 'role';
  END IF;
  IF NOT u.active THEN
    RAISE EXCEPTION USING ERRCODE = 'MH403', MESSAGE = format('the newsroom user %s was deactivated', u.id),
      DETAIL = 'inactive';
  END IF;
  RETURN u;
END
$$;

-- As in schema 2, plus `active`: only an administrator changes it (a person cannot reactivate
-- themselves), and a document without the flag leaves it as it was (older workstations).
CREATE OR REPLACE FUNCTION mihbara.put_user(p_doc jsonb) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.me();
  cur mihbara.users;
BEGIN
  SELECT * INTO cur FROM mihbara.users WHERE id = p_doc ->> 'id';
  IF mihbara.my_role() <> 'admin' THEN
    IF cur.id IS DISTINCT FROM u.id
       OR (p_doc ->> 'role', p_doc ->> 'name', mihbara.authors_of(jsonb_build_object('authors', p_doc -> 'desks')),
           coalesce((p_doc ->> 'active')::boolean, cur.active))
         IS DISTINCT FROM (cur.role, cur.name, cur.desks, cur.active) THEN
      PERFORM mihbara.refuse('MH403', 'role', 'only an administrator changes people and desks');
    END IF;
  END IF;
  INSERT INTO mihbara.users (id, name, latin_name, initials, role, desks, pin_hash, db_login, created_at, active)
    VALUES (p_doc ->> 'id', p_doc ->> 'name', coalesce(p_doc ->> 'latinName', ''), p_doc ->> 'initials',
            p_doc ->> 'role', mihbara.authors_of(jsonb_build_object('authors', p_doc -> 'desks')),
            p_doc ->> 'pinHash', nullif(p_doc ->> 'dbLogin', ''), coalesce((p_doc ->> 'createdAt')::timestamptz, now()),
            coalesce((p_doc ->> 'active')::boolean, true))
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, latin_name = excluded.latin_name,
      initials = excluded.initials, role = excluded.role, desks = excluded.desks, pin_hash = excluded.pin_hash,
      db_login = coalesce(excluded.db_login, mihbara.users.db_login),
      active = coalesce((p_doc ->> 'active')::boolean, mihbara.users.active);
END
$$;
