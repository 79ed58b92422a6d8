-- Which fills the portfolio snapshot already contains. Fills are numbered in journal order (seq) and the snapshot
-- keeps the highest number it includes (fills_through), so a restart applies exactly the fills after it. The venue's
-- trade times cannot decide this: they come from another clock, in whole seconds (found by the kill test).
-- Expand only: fills from before this migration stay unnumbered and count as 0.
ALTER TABLE fills ADD COLUMN seq INTEGER;
ALTER TABLE portfolio_snapshot ADD COLUMN fills_through INTEGER;
CREATE INDEX fills_seq ON fills (seq);
