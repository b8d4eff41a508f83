-- Schema version 3 of the Migomail webhook store (PostgreSQL): the endpoint version.
-- Every write of an endpoint adds one to its version, and an update applies only to the version it
-- was read at (UPDATE ... WHERE version = ?), so that an update cannot undo a change made between
-- its read and its write. Existing endpoints start at version 0, as new ones do: a constant default
-- fills the existing rows without rewriting the table (PostgreSQL 11 and newer), and stays, since 0
-- is right for any row inserted without a version (the store always names it).
-- The whole migration is one transaction: if it fails, the schema stays at version 2.

ALTER TABLE ${prefix}endpoints ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
