-- Every sale of every scale, stored exactly once (primary key = the scale's globally unique sale id).
-- One SQL dialect for SQLite and PostgreSQL: times are epoch milliseconds, days are UTC 'YYYY-MM-DD'.
CREATE TABLE sale (
    sale_id                 TEXT             PRIMARY KEY,
    store_id                TEXT             NOT NULL,
    scale_id                TEXT             NOT NULL,
    sale_number             BIGINT           NOT NULL,
    plu_code                TEXT             NOT NULL,
    sale_type               TEXT             NOT NULL,
    net_mg                  BIGINT           NOT NULL,
    item_count              INTEGER          NOT NULL,
    unit_price_minor        BIGINT           NOT NULL,
    promotion_id            TEXT,
    total_minor             BIGINT           NOT NULL,
    currency                TEXT             NOT NULL,
    barcode                 TEXT             NOT NULL,
    sold_at_ms              BIGINT           NOT NULL,
    sold_day                TEXT             NOT NULL,
    price_book_version      BIGINT           NOT NULL,
    recognised_plu          TEXT,
    recognition_confidence  DOUBLE PRECISION,
    auto_picked             BOOLEAN          NOT NULL,
    chosen_rank             INTEGER          NOT NULL,
    mismatch                BOOLEAN          NOT NULL,
    received_at_ms          BIGINT           NOT NULL
);
CREATE INDEX sale_store_day ON sale (store_id, sold_day);
CREATE INDEX sale_scale_time ON sale (store_id, scale_id, sold_at_ms);
CREATE INDEX sale_plu_day ON sale (plu_code, sold_day);
