-- Schema version 3 of the Migomail webhook store (H2): the endpoint version.
-- Every write of an endpoint adds one to its version, and an update applies only to the version it
-- was read at (UPDATE ... WHERE version = ?), so that an update cannot undo a change made between
-- its read and its write. Existing endpoints start at version 0, as new ones do. The default fills
-- the existing rows and is dropped at once, so that every new row names its version.
-- H2 commits each DDL statement on its own, so every statement can run again: a migration that
-- stopped half-way completes on the next start.

ALTER TABLE ${prefix}endpoints ADD COLUMN IF NOT EXISTS version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE ${prefix}endpoints ALTER COLUMN version DROP DEFAULT;
