/*
 * Hardening: a login outside the newsroom's roles cannot connect to this database or make
 * temporary objects in it, and a story row must have a story's shape whoever wrote it (a checked
 * function, or SQL typed by hand).
 */
DO $$
BEGIN
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO mihbara_editor, mihbara_desk_chief, mihbara_admin',
    current_database());
END
$$;

ALTER TABLE mihbara.stories ADD CONSTRAINT stories_doc_shape CHECK (
  jsonb_typeof(doc) = 'object'
  AND jsonb_typeof(doc -> 'id') = 'string'
  AND jsonb_typeof(doc -> 'version') = 'number'
  AND jsonb_typeof(doc -> 'schemaVersion') = 'number'
  AND jsonb_typeof(doc -> 'language') = 'string'
  AND jsonb_typeof(doc -> 'direction') = 'string'
  AND doc ->> 'direction' IN ('rtl', 'ltr')
  AND jsonb_typeof(doc -> 'headline') = 'string'
  AND jsonb_typeof(doc -> 'status') = 'string'
  AND jsonb_typeof(doc -> 'body') = 'array'
  AND jsonb_array_length(doc -> 'body') >= 1
  AND jsonb_typeof(doc -> 'createdAt') = 'string'
  AND jsonb_typeof(doc -> 'updatedAt') = 'string'
);
