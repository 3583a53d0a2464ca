-- Price books the scale has applied (issue 3). One row per book: the whole signed snapshot as JSON, so
-- applying a new book is one INSERT and can never leave half a book. Several rows exist only while a
-- newer book waits for its effective time; older ones are pruned once a newer one is in force.
CREATE TABLE price_book (
    store_id          TEXT    NOT NULL,
    version           INTEGER NOT NULL CHECK (version >= 1),
    effective_from_ms INTEGER NOT NULL,
    currency          TEXT    NOT NULL,
    plu_count         INTEGER NOT NULL,
    book_json         TEXT    NOT NULL,
    applied_at_ms     INTEGER NOT NULL,
    PRIMARY KEY (store_id, version)
);
