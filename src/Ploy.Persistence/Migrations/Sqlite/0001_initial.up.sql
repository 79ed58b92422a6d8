-- Ploy journal, SQLite. Money, prices and sizes are TEXT in invariant culture (exact decimal round trip,
-- never floating point); timestamps are ISO-8601 UTC text (yyyy-MM-ddTHH:mm:ss.fffffffZ, sorts as time);
-- enums are their names. STRICT tables refuse values of the wrong storage class.

CREATE TABLE orders (
    client_order_id TEXT NOT NULL PRIMARY KEY,
    venue_order_id  TEXT NOT NULL UNIQUE,
    strategy        TEXT NOT NULL,
    condition_id    TEXT NOT NULL,
    token_id        TEXT NOT NULL,
    side            TEXT NOT NULL,
    price           TEXT NOT NULL,
    quantity        TEXT NOT NULL,
    order_type      TEXT NOT NULL,
    post_only       INTEGER NOT NULL CHECK (post_only IN (0, 1)),
    expires_at      TEXT,
    tag             TEXT,
    payload         TEXT,
    fencing_epoch   INTEGER NOT NULL,
    status          TEXT NOT NULL,
    filled          TEXT NOT NULL,
    filled_notional TEXT NOT NULL,
    reason          TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX orders_status ON orders (status);

-- Fencing (invariant 3): once a writer with a newer epoch has journaled an order, an older epoch's
-- orders are refused, so a stale leader cannot place orders through this journal.
CREATE TRIGGER orders_refuse_stale_epoch
BEFORE INSERT ON orders
WHEN NEW.fencing_epoch < (SELECT MAX(fencing_epoch) FROM orders)
BEGIN
    SELECT RAISE(ABORT, 'stale fencing epoch: a newer writer has journaled orders');
END;

CREATE TABLE order_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    filled          TEXT NOT NULL,
    filled_notional TEXT NOT NULL,
    reason          TEXT,
    at              TEXT NOT NULL
) STRICT;

CREATE INDEX order_events_order ON order_events (client_order_id, id);

-- The event log is append-only: history is evidence, so the database itself refuses to rewrite it.
CREATE TRIGGER order_events_no_update
BEFORE UPDATE ON order_events
BEGIN
    SELECT RAISE(ABORT, 'order_events is append-only');
END;

CREATE TRIGGER order_events_no_delete
BEFORE DELETE ON order_events
BEGIN
    SELECT RAISE(ABORT, 'order_events is append-only');
END;

-- No foreign key to orders: a fill the venue reports must be kept even if it cannot be matched to a
-- journaled order (refusing it would lose a real trade).
CREATE TABLE fills (
    trade_id        TEXT NOT NULL,
    client_order_id TEXT NOT NULL,
    venue_order_id  TEXT NOT NULL,
    token_id        TEXT NOT NULL,
    side            TEXT NOT NULL,
    price           TEXT NOT NULL,
    quantity        TEXT NOT NULL,
    fee             TEXT NOT NULL,
    is_maker        INTEGER NOT NULL CHECK (is_maker IN (0, 1)),
    settlement      TEXT NOT NULL,
    time            TEXT NOT NULL,
    PRIMARY KEY (trade_id, client_order_id)
) STRICT;

CREATE INDEX fills_order ON fills (client_order_id);

-- The latest portfolio only (a single row), with its positions.
CREATE TABLE portfolio_snapshot (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    cash TEXT NOT NULL,
    at   TEXT NOT NULL
) STRICT;

CREATE TABLE portfolio_positions (
    strategy     TEXT NOT NULL,
    token_id     TEXT NOT NULL,
    shares       TEXT NOT NULL,
    average_cost TEXT NOT NULL,
    realized_pnl TEXT NOT NULL,
    fees_paid    TEXT NOT NULL,
    PRIMARY KEY (strategy, token_id)
) STRICT;

CREATE TABLE kill_switch (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    halted     INTEGER NOT NULL CHECK (halted IN (0, 1)),
    reason     TEXT,
    changed_at TEXT NOT NULL
) STRICT;

CREATE TABLE daily_risk (
    day           TEXT NOT NULL PRIMARY KEY,
    realized_pnl  TEXT NOT NULL,
    orders_placed INTEGER NOT NULL,
    risk_denials  INTEGER NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- For the delivery pipeline: one row per deploy or rollback; durations is a JSON object of phase -> ms.
CREATE TABLE deployments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    result      TEXT,
    durations   TEXT
) STRICT;

-- For high availability: who holds a wallet (resource) and under which fencing epoch, until when.
CREATE TABLE leadership (
    resource    TEXT NOT NULL PRIMARY KEY,
    epoch       INTEGER NOT NULL,
    holder      TEXT NOT NULL,
    lease_until TEXT NOT NULL
) STRICT;
