-- Mihbara team mode, schema 7: a workstation can ask which schema the server has.
--
-- The migrations table belongs to the schema owner; newsroom logins cannot read it. A
-- workstation that connects to a server whose schema is older than the one it ships with would
-- fail later on a missing column or function (reading people, adding an image) with a cryptic
-- message. This checked function answers the schema version, so the workstation refuses at
-- connect time with the one thing to do: have an administrator run `db migrate`.

CREATE OR REPLACE FUNCTION mihbara.schema_version() RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, mihbara_meta, pg_temp AS $$
  SELECT coalesce(max(version), 0) FROM mihbara_meta.migrations
$$;

REVOKE ALL ON FUNCTION mihbara.schema_version() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mihbara.schema_version() TO mihbara_editor, mihbara_desk_chief, mihbara_admin;
