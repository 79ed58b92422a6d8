-- Ploy journal, PostgreSQL. Money, prices and sizes are numeric (exact, scale kept; never floating point),
-- times are timestamptz (UTC, microseconds), enums are their names as text.

CREATE TABLE orders (
    client_order_id text PRIMARY KEY,
    venue_order_id  text NOT NULL UNIQUE,
    strategy        text NOT NULL,
    condition_id    text NOT NULL,
    token_id        text NOT NULL,
    side            text NOT NULL,
    price           numeric NOT NULL,
    quantity        numeric NOT NULL,
    order_type      text NOT NULL,
    post_only       boolean NOT NULL,
    expires_at      timestamptz,
    tag             text,
    payload         text,
    fencing_epoch   bigint NOT NULL,
    status          text NOT NULL,
    filled          numeric NOT NULL,
    filled_notional numeric NOT NULL,
    reason          text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE INDEX orders_status ON orders (status);

-- Fencing (invariant 3): once a writer with a newer epoch has journaled an order, an older epoch's orders
-- are refused. The transaction-scoped advisory lock serialises concurrent inserts so both cannot pass.
CREATE FUNCTION orders_refuse_stale_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7020785071758062450);
    IF NEW.fencing_epoch < (SELECT MAX(fencing_epoch) FROM orders) THEN
        RAISE EXCEPTION 'stale fencing epoch: a newer writer has journaled orders' USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_refuse_stale_epoch BEFORE INSERT ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_refuse_stale_epoch();

CREATE TABLE order_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_order_id text NOT NULL REFERENCES orders (client_order_id),
    from_status     text NOT NULL,
    to_status       text NOT NULL,
    filled          numeric NOT NULL,
    filled_notional numeric NOT NULL,
    reason          text,
    at              timestamptz NOT NULL
);

CREATE INDEX order_events_order ON order_events (client_order_id, id);

-- The event log is append-only: history is evidence, so the database itself refuses to rewrite it.
CREATE FUNCTION order_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'order_events is append-only';
END;
$$;

CREATE TRIGGER order_events_append_only BEFORE UPDATE OR DELETE ON order_events
    FOR EACH ROW EXECUTE FUNCTION order_events_append_only();

-- No foreign key to orders: a fill the venue reports must be kept even if it cannot be matched to a
-- journaled order (refusing it would lose a real trade).
CREATE TABLE fills (
    trade_id        text NOT NULL,
    client_order_id text NOT NULL,
    venue_order_id  text NOT NULL,
    token_id        text NOT NULL,
    side            text NOT NULL,
    price           numeric NOT NULL,
    quantity        numeric NOT NULL,
    fee             numeric NOT NULL,
    is_maker        boolean NOT NULL,
    settlement      text NOT NULL,
    time            timestamptz NOT NULL,
    PRIMARY KEY (trade_id, client_order_id)
);

CREATE INDEX fills_order ON fills (client_order_id);

CREATE TABLE portfolio_snapshot (
    id   integer PRIMARY KEY CHECK (id = 1),
    cash numeric NOT NULL,
    at   timestamptz NOT NULL
);

CREATE TABLE portfolio_positions (
    strategy     text NOT NULL,
    token_id     text NOT NULL,
    shares       numeric NOT NULL,
    average_cost numeric NOT NULL,
    realized_pnl numeric NOT NULL,
    fees_paid    numeric NOT NULL,
    PRIMARY KEY (strategy, token_id)
);

CREATE TABLE kill_switch (
    id         integer PRIMARY KEY CHECK (id = 1),
    halted     boolean NOT NULL,
    reason     text,
    changed_at timestamptz NOT NULL
);

CREATE TABLE daily_risk (
    day           date PRIMARY KEY,
    realized_pnl  numeric NOT NULL,
    orders_placed integer NOT NULL,
    risk_denials  integer NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- For the delivery pipeline: one row per deploy or rollback; durations maps phase -> ms.
CREATE TABLE deployments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version     text NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    result      text,
    durations   jsonb
);

-- For high availability: who holds a wallet (resource) and under which fencing epoch, until when.
CREATE TABLE leadership (
    resource    text PRIMARY KEY,
    epoch       bigint NOT NULL,
    holder      text NOT NULL,
    lease_until timestamptz NOT NULL
);
