-- The last valid (signature verified, newest) price book, exactly as received, replaced atomically.
CREATE TABLE sync_price_book (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    store_id     TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    payload      BLOB    NOT NULL,          -- the signed wire message; re-verified when loaded
    applied_ms   INTEGER NOT NULL
);
