-- Mihbara team mode, schema 6: images shared by the newsroom.
--
-- A story names its images by content (`<sha256>.<ext>`, electron/main/store/media.ts); the
-- bytes were kept only in the folder of the workstation that added them, so the lead image was
-- missing everywhere else. They now live here, one row per image, as bytea (an image is at most
-- 5 MiB, the same limit as the local store: shared/media/limits.ts). Each workstation keeps a
-- copy of the images it has used in its own folder, so an image is fetched once per workstation
-- and shown offline afterwards.
--
-- The name is checked against the bytes (their sha256 and image signature), so a row can never
-- hold another image than the one its name promises: a second add of the same image is a no-op,
-- and no login can replace an image other stories point at.

CREATE TABLE mihbara.media (
  file text PRIMARY KEY CHECK (file ~ '^[0-9a-f]{64}\.(png|jpg|gif|webp)$'),
  bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 5242880),
  added_at timestamptz NOT NULL DEFAULT now(),
  added_by text NOT NULL
);

GRANT SELECT ON mihbara.media TO mihbara_editor, mihbara_desk_chief, mihbara_admin;
ALTER TABLE mihbara.media ENABLE ROW LEVEL SECURITY;
CREATE POLICY newsroom_reads ON mihbara.media FOR SELECT
  TO mihbara_editor, mihbara_desk_chief, mihbara_admin USING (true);

CREATE FUNCTION mihbara.put_media(p_file text, p_bytes bytea) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, mihbara, pg_temp AS $$
DECLARE
  u mihbara.users := mihbara.me();
  ext text := substring(p_file from '\.([a-z]+)$');
  kind text;
BEGIN
  IF p_bytes IS NULL OR octet_length(p_bytes) = 0 OR octet_length(p_bytes) > 5242880 THEN
    PERFORM mihbara.refuse('MH400', 'size', 'an image is 1 byte to 5 MiB');
  END IF;
  kind := CASE
    WHEN substring(p_bytes from 1 for 8) = '\x89504e470d0a1a0a'::bytea THEN 'png'
    WHEN substring(p_bytes from 1 for 3) = '\xffd8ff'::bytea THEN 'jpg'
    WHEN substring(p_bytes from 1 for 4) = '\x47494638'::bytea THEN 'gif'
    WHEN substring(p_bytes from 1 for 4) = '\x52494646'::bytea AND substring(p_bytes from 9 for 4) = '\x57454250'::bytea THEN 'webp'
  END;
  IF p_file IS NULL OR p_file !~ '^[0-9a-f]{64}\.(png|jpg|gif|webp)$'
     OR p_file <> encode(sha256(p_bytes), 'hex') || '.' || coalesce(kind, '') OR ext IS DISTINCT FROM kind THEN
    PERFORM mihbara.refuse('MH400', 'name', 'the image''s name is not its content''s sha256 and type');
  END IF;
  INSERT INTO mihbara.media (file, bytes, added_by) VALUES (p_file, p_bytes, u.id)
    ON CONFLICT (file) DO NOTHING;
END
$$;

REVOKE EXECUTE ON FUNCTION mihbara.put_media(text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mihbara.put_media(text, bytea) TO mihbara_editor, mihbara_desk_chief, mihbara_admin;
