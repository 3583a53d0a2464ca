-- One place for the scale's price books (replaces sync_price_book, V402, and the unused price_book, V201).
-- Slot 1: the book in force. Slot 2: a newer book that waits for its effective time; until then slot 1
-- stays in force (protocol: PriceBook.effectiveFrom). Each row is the signed wire message exactly as
-- received, verified again when the scale starts.
CREATE TABLE held_price_book (
    slot              INTEGER PRIMARY KEY CHECK (slot IN (1, 2)),
    store_id          TEXT    NOT NULL,
    version           INTEGER NOT NULL CHECK (version >= 1),
    effective_from_ms INTEGER NOT NULL,
    payload           BLOB    NOT NULL,
    applied_ms        INTEGER NOT NULL
);
-- the book in force until now; its effective time is read again from the payload when it is loaded
INSERT INTO held_price_book (slot, store_id, version, effective_from_ms, payload, applied_ms)
    SELECT 1, store_id, version, 0, payload, applied_ms FROM sync_price_book WHERE id = 1;
DROP TABLE sync_price_book;
DROP TABLE price_book;
