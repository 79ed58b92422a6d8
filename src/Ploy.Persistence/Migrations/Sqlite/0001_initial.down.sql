-- Children before parents (foreign keys are on).
DROP TABLE leadership;
DROP TABLE deployments;
DROP TABLE daily_risk;
DROP TABLE kill_switch;
DROP TABLE portfolio_positions;
DROP TABLE portfolio_snapshot;
DROP TABLE fills;
DROP TABLE order_events;
DROP TABLE orders;
