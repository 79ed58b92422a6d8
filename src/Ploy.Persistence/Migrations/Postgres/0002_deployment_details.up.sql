-- The deployments log becomes the one record of deploys and rollbacks (scripts/deploy.sh and rollback.sh write it
-- through `ploy deployments record`; `ploy deployments` and ploy_deployments_total read it). Expand only: new
-- nullable columns, so a release built before this migration keeps reading and writing the table.
--   kind             deploy | rollback (a rollback by hand)
--   previous_version what ran before the switch
--   commit_time      the release's commit time, for lead time
--   detail           why it failed or was rejected, in words
ALTER TABLE deployments ADD COLUMN kind text;
ALTER TABLE deployments ADD COLUMN previous_version text;
ALTER TABLE deployments ADD COLUMN commit_time timestamptz;
ALTER TABLE deployments ADD COLUMN detail text;
CREATE INDEX deployments_started_at ON deployments (started_at);
