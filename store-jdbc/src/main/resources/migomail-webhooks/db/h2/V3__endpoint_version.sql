-- Schema version 3 of the Migomail webhook store (H2): the endpoint version.
-- Every write of an endpoint adds one to its version, and an update applies only to the version it
-- was read at (UPDATE ... WHERE version = ?), so that an update cannot undo a change made between
-- its read and its write. Existing endpoints start at version 0, as new ones do; the default stays,
-- since 0 is right for any row inserted without a version (the store always names it).
-- H2 commits a DDL statement on its own, so the statement can run again: a migration that stopped
-- before it recorded version 3 completes on the next start.

ALTER TABLE ${prefix}endpoints ADD COLUMN IF NOT EXISTS version BIGINT DEFAULT 0 NOT NULL;
