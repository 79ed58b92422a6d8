DROP INDEX fills_seq;
ALTER TABLE portfolio_snapshot DROP COLUMN fills_through;
ALTER TABLE fills DROP COLUMN seq;
