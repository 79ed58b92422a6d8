DROP INDEX deployments_started_at;
ALTER TABLE deployments DROP COLUMN detail;
ALTER TABLE deployments DROP COLUMN commit_time;
ALTER TABLE deployments DROP COLUMN previous_version;
ALTER TABLE deployments DROP COLUMN kind;
