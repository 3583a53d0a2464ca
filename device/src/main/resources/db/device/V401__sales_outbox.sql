-- Sales recorded by this scale, and the outbox of those not yet acknowledged by the server.
-- A sale and its outbox entry are inserted in one transaction (SalesOutbox.record), before the label prints.
CREATE TABLE sale (
    sale_id      TEXT    PRIMARY KEY,
    sale_number  INTEGER NOT NULL UNIQUE,
    sold_at_ms   INTEGER NOT NULL,
    plu_code     TEXT    NOT NULL,
    total_minor  INTEGER NOT NULL,
    payload      TEXT    NOT NULL,          -- the Sale as protocol JSON, exactly as it is sent
    acked_at_ms  INTEGER                    -- when the server confirmed it stored the sale
);

CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,   -- send order = recording order
    sale_id      TEXT    NOT NULL UNIQUE REFERENCES sale (sale_id),
    enqueued_ms  INTEGER NOT NULL
);
