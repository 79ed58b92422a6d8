-- Children before parents; functions after the triggers that use them (dropped with their tables).
DROP TABLE leadership;
DROP TABLE deployments;
DROP TABLE daily_risk;
DROP TABLE kill_switch;
DROP TABLE portfolio_positions;
DROP TABLE portfolio_snapshot;
DROP TABLE fills;
DROP TABLE order_events;
DROP TABLE orders;
DROP FUNCTION order_events_append_only();
DROP FUNCTION orders_refuse_stale_epoch();
