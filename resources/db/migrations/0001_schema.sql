-- Mihbara team mode, schema 1: the newsroom's tables.
-- Every story keeps its full JSON document (validated by the app with the same zod schema as the
-- local store) beside the columns the server needs to enforce the workflow and to list quickly.

CREATE SCHEMA IF NOT EXISTS mihbara;

CREATE TABLE mihbara.desks (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  name text NOT NULL,
  checklist jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE mihbara.users (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  name text NOT NULL,
  latin_name text NOT NULL DEFAULT '',
  initials text NOT NULL,
  role text NOT NULL CHECK (role IN ('editor', 'desk-chief', 'admin')),
  desks text[] NOT NULL DEFAULT '{}',
  pin_hash text,
  -- the database login this newsroom user connects with; the server knows people by it
  db_login name UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- What the story list shows (shared/story/schema.ts `summarize`). jsonb_build_object is only
-- STABLE for arbitrary arguments; on jsonb values it depends on nothing else, hence IMMUTABLE.
CREATE FUNCTION mihbara.summary_of(doc jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT jsonb_strip_nulls(jsonb_build_object(
    'id', doc -> 'id', 'version', doc -> 'version', 'headline', doc -> 'headline',
    'byline', doc -> 'byline', 'status', doc -> 'status', 'language', doc -> 'language',
    'createdAt', doc -> 'createdAt', 'updatedAt', doc -> 'updatedAt', 'authors', doc -> 'authors',
    'desk', doc -> 'desk', 'publishAt', doc -> 'publishAt', 'publishedAt', doc -> 'publishedAt'))
$$;

CREATE TABLE mihbara.stories (
  id text PRIMARY KEY,
  doc jsonb NOT NULL CHECK (doc ->> 'id' IS NOT NULL),
  -- derived from the document, so a column can never disagree with it
  version integer GENERATED ALWAYS AS ((doc ->> 'version')::integer) STORED,
  status text GENERATED ALWAYS AS (doc ->> 'status') STORED,
  desk text GENERATED ALWAYS AS (doc ->> 'desk') STORED,
  headline text GENERATED ALWAYS AS (doc ->> 'headline') STORED,
  summary jsonb GENERATED ALWAYS AS (mihbara.summary_of(doc)) STORED,
  authors text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL,
  CHECK (doc ->> 'id' = id AND version >= 1 AND status IS NOT NULL)
);
CREATE INDEX stories_updated ON mihbara.stories (updated_at DESC);
CREATE INDEX stories_status ON mihbara.stories (status);

-- Every version of every story, whole: history is never rewritten.
CREATE TABLE mihbara.revisions (
  story_id text NOT NULL REFERENCES mihbara.stories (id),
  version integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  restored_from integer,
  doc jsonb NOT NULL,
  PRIMARY KEY (story_id, version)
);

-- The workflow's hash-chained history lines, appended only.
CREATE TABLE mihbara.history (
  seq bigserial PRIMARY KEY,
  story_id text NOT NULL,
  -- the line exactly as written (its hash covers these bytes; jsonb would reorder the keys)
  line text NOT NULL,
  entry jsonb GENERATED ALWAYS AS (line::jsonb) STORED,
  written_by name NOT NULL DEFAULT session_user
);
CREATE INDEX history_story ON mihbara.history (story_id, seq);

CREATE TABLE mihbara.comments (
  id text PRIMARY KEY,
  story_id text NOT NULL,
  author text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX comments_story ON mihbara.comments (story_id);

CREATE TABLE mihbara.locks (
  story_id text PRIMARY KEY REFERENCES mihbara.stories (id),
  holder text NOT NULL REFERENCES mihbara.users (id),
  holder_name text NOT NULL,
  since timestamptz NOT NULL,
  touched_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

-- Copies of a story at workflow events, and the copy that is live.
CREATE TABLE mihbara.checkpoints (
  story_id text NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (story_id, version)
);
CREATE TABLE mihbara.live (
  story_id text PRIMARY KEY,
  doc jsonb NOT NULL
);

CREATE TABLE mihbara.tags (
  name text PRIMARY KEY,
  doc jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE TABLE mihbara.entities (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('person', 'place', 'organisation')),
  name text NOT NULL,
  doc jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- The workflow's permission matrix as data (shared/workflow/transitions.ts); a test compares
-- these rows with the TypeScript table so the two cannot drift.
CREATE TABLE mihbara.transition_grants (
  action text NOT NULL,
  role text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  own_only boolean NOT NULL,
  PRIMARY KEY (action, role, from_status, to_status)
);
CREATE TABLE mihbara.editable_states (
  role text NOT NULL,
  status text NOT NULL,
  PRIMARY KEY (role, status)
);

INSERT INTO mihbara.transition_grants (action, role, from_status, to_status, own_only) VALUES
  ('submit', 'editor', 'draft', 'submitted', true),
  ('submit', 'editor', 'returned', 'submitted', true),
  ('submit', 'desk-chief', 'draft', 'submitted', false),
  ('submit', 'desk-chief', 'returned', 'submitted', false),
  ('submit', 'admin', 'draft', 'submitted', false),
  ('submit', 'admin', 'returned', 'submitted', false),
  ('return', 'desk-chief', 'submitted', 'returned', false),
  ('return', 'desk-chief', 'approved', 'returned', false),
  ('return', 'desk-chief', 'scheduled', 'returned', false),
  ('return', 'admin', 'submitted', 'returned', false),
  ('return', 'admin', 'approved', 'returned', false),
  ('return', 'admin', 'scheduled', 'returned', false),
  ('approve', 'desk-chief', 'submitted', 'approved', false),
  ('approve', 'desk-chief', 'submitted', 'scheduled', false),
  ('approve', 'desk-chief', 'correction', 'corrected', false),
  ('approve', 'desk-chief', 'correction', 'scheduled', false),
  ('approve', 'admin', 'submitted', 'approved', false),
  ('approve', 'admin', 'submitted', 'scheduled', false),
  ('approve', 'admin', 'correction', 'corrected', false),
  ('approve', 'admin', 'correction', 'scheduled', false),
  ('schedule', 'desk-chief', 'approved', 'scheduled', false),
  ('schedule', 'desk-chief', 'scheduled', 'scheduled', false),
  ('schedule', 'admin', 'approved', 'scheduled', false),
  ('schedule', 'admin', 'scheduled', 'scheduled', false),
  ('publish', 'desk-chief', 'approved', 'published', false),
  ('publish', 'desk-chief', 'scheduled', 'published', false),
  ('publish', 'desk-chief', 'unpublished', 'published', false),
  ('publish', 'desk-chief', 'correction', 'corrected', false),
  ('publish', 'admin', 'approved', 'published', false),
  ('publish', 'admin', 'scheduled', 'published', false),
  ('publish', 'admin', 'unpublished', 'published', false),
  ('publish', 'admin', 'correction', 'corrected', false),
  ('correct', 'desk-chief', 'published', 'correction', false),
  ('correct', 'desk-chief', 'corrected', 'correction', false),
  ('correct', 'admin', 'published', 'correction', false),
  ('correct', 'admin', 'corrected', 'correction', false),
  ('unpublish', 'desk-chief', 'published', 'unpublished', false),
  ('unpublish', 'desk-chief', 'corrected', 'unpublished', false),
  ('unpublish', 'desk-chief', 'correction', 'unpublished', false),
  ('unpublish', 'admin', 'published', 'unpublished', false),
  ('unpublish', 'admin', 'corrected', 'unpublished', false),
  ('unpublish', 'admin', 'correction', 'unpublished', false),
  ('kill', 'desk-chief', 'published', 'killed', false),
  ('kill', 'desk-chief', 'corrected', 'killed', false),
  ('kill', 'desk-chief', 'correction', 'killed', false),
  ('kill', 'desk-chief', 'unpublished', 'killed', false),
  ('kill', 'admin', 'published', 'killed', false),
  ('kill', 'admin', 'corrected', 'killed', false),
  ('kill', 'admin', 'correction', 'killed', false),
  ('kill', 'admin', 'unpublished', 'killed', false),
  ('spike', 'editor', 'draft', 'spiked', true),
  ('spike', 'editor', 'returned', 'spiked', true),
  ('spike', 'desk-chief', 'draft', 'spiked', false),
  ('spike', 'desk-chief', 'submitted', 'spiked', false),
  ('spike', 'desk-chief', 'returned', 'spiked', false),
  ('spike', 'desk-chief', 'approved', 'spiked', false),
  ('spike', 'desk-chief', 'scheduled', 'spiked', false),
  ('spike', 'admin', 'draft', 'spiked', false),
  ('spike', 'admin', 'submitted', 'spiked', false),
  ('spike', 'admin', 'returned', 'spiked', false),
  ('spike', 'admin', 'approved', 'spiked', false),
  ('spike', 'admin', 'scheduled', 'spiked', false),
  ('unspike', 'editor', 'spiked', 'draft', true),
  ('unspike', 'desk-chief', 'spiked', 'draft', false),
  ('unspike', 'admin', 'spiked', 'draft', false);

INSERT INTO mihbara.editable_states (role, status) VALUES
  ('editor', 'draft'),
  ('editor', 'returned'),
  ('editor', 'correction'),
  ('desk-chief', 'draft'),
  ('desk-chief', 'submitted'),
  ('desk-chief', 'returned'),
  ('desk-chief', 'approved'),
  ('desk-chief', 'correction'),
  ('admin', 'draft'),
  ('admin', 'submitted'),
  ('admin', 'returned'),
  ('admin', 'approved'),
  ('admin', 'correction');

