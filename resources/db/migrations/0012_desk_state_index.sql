-- Mihbara team mode, schema 12: a desk's stories in one state (a search filtered by desk and
-- state, a desk's queues) in date order from their own index, so the newest matches of such a
-- search are tested only among them, not among every story of the desk.
CREATE INDEX stories_desk_status_updated ON mihbara.stories (desk, status, updated_at DESC, id DESC);
