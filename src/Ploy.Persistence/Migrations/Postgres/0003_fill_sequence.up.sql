-- Which fills the portfolio snapshot already contains. Fills are numbered in journal order (seq) and the snapshot
-- keeps the highest number it includes (fills_through), so a restart applies exactly the fills after it. The venue's
-- trade times cannot decide this: they come from another clock, in whole seconds (found by the kill test).
-- Expand only: existing fills stay unnumbered (NULL counts as 0); new rows draw from the sequence, whichever
-- release inserts them.
CREATE SEQUENCE fills_seq_numbers;
ALTER TABLE fills ADD COLUMN seq bigint;
ALTER TABLE fills ALTER COLUMN seq SET DEFAULT nextval('fills_seq_numbers');
ALTER TABLE portfolio_snapshot ADD COLUMN fills_through bigint;
CREATE INDEX fills_seq ON fills (seq);
