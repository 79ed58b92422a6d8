-- The deployments log becomes the one record of deploys and rollbacks (scripts/deploy.sh and rollback.sh write it
-- through `ploy deployments record`; `ploy deployments` and ploy_deployments_total read it). Expand only: new
-- nullable columns, so a release built before this migration keeps reading and writing the table.
--   kind             deploy | rollback (a rollback by hand)
--   previous_version what ran before the switch
--   commit_time      the release's commit time (ISO-8601 UTC), for lead time
--   detail           why it failed or was rejected, in words
ALTER TABLE deployments ADD COLUMN kind TEXT;
ALTER TABLE deployments ADD COLUMN previous_version TEXT;
ALTER TABLE deployments ADD COLUMN commit_time TEXT;
ALTER TABLE deployments ADD COLUMN detail TEXT;
CREATE INDEX deployments_started_at ON deployments (started_at);
