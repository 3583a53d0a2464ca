-- Till reconciliation: which scale labels the checkouts scanned, to be set against what the scales printed.
-- One SQL dialect for SQLite and PostgreSQL: times are epoch milliseconds, days are the store's business day.

-- A label paid by card at the scale carries the payment's reference (terminal id / receipt / trace); NULL: the
-- label is to be paid at the till.
ALTER TABLE sale ADD COLUMN payment_reference TEXT;

-- Every scale barcode a till reported scanning, stored once: (store, till, the till's own id of the scan line) is
-- the key, so a till that sends the same upload again (a retry after a lost answer) counts nothing twice.
CREATE TABLE till_scan (
    store_id        TEXT    NOT NULL,
    till_id         TEXT    NOT NULL,
    scan_id         TEXT    NOT NULL,
    barcode         TEXT    NOT NULL,
    scanned_at_ms   BIGINT  NOT NULL,
    scanned_day     TEXT    NOT NULL,
    price_minor     BIGINT,               -- what the till charged for the line, when it says
    source          TEXT    NOT NULL,     -- 'api' (the POS's own upload) or 'csv' (an exported file imported)
    received_at_ms  BIGINT  NOT NULL,
    PRIMARY KEY (store_id, till_id, scan_id)
);
CREATE INDEX till_scan_store_day ON till_scan (store_id, scanned_day, barcode);
CREATE INDEX sale_store_day_barcode ON sale (store_id, sold_day, barcode);
