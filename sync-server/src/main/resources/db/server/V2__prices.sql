-- Store managers' prices. A change bumps store.revision; the publisher signs and publishes a new book
-- version for every revision it has not published yet.
CREATE TABLE store (
    store_id            TEXT    PRIMARY KEY,
    name                TEXT    NOT NULL,
    currency            TEXT    NOT NULL,
    revision            BIGINT  NOT NULL,
    published_revision  BIGINT  NOT NULL,
    published_version   BIGINT  NOT NULL
);

CREATE TABLE plu (
    store_id    TEXT    NOT NULL REFERENCES store (store_id),
    code        TEXT    NOT NULL,
    plu_json    TEXT    NOT NULL,             -- the protocol Plu record
    PRIMARY KEY (store_id, code)
);

CREATE TABLE scheduled_price (
    id                  TEXT    PRIMARY KEY,
    store_id            TEXT    NOT NULL REFERENCES store (store_id),
    plu_code            TEXT    NOT NULL,
    unit_price_minor    BIGINT  NOT NULL,
    effective_from_ms   BIGINT  NOT NULL
);
CREATE INDEX scheduled_price_store ON scheduled_price (store_id);

CREATE TABLE promotion (
    store_id        TEXT    NOT NULL REFERENCES store (store_id),
    id              TEXT    NOT NULL,
    promotion_json  TEXT    NOT NULL,         -- the protocol Promotion record
    PRIMARY KEY (store_id, id)
);

-- The last signed book of each store, republished (retained) when a server starts.
CREATE TABLE published_book (
    store_id        TEXT    PRIMARY KEY REFERENCES store (store_id),
    version         BIGINT  NOT NULL,
    published_ms    BIGINT  NOT NULL,
    payload         TEXT    NOT NULL
);
