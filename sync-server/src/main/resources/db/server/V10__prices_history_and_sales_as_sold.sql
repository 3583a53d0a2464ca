-- Issue 16. One SQL dialect for SQLite and PostgreSQL, as the other migrations.

-- Every published change of a store's items, field by field, with who made it and when (the console's price history).
-- Prices are minor units of the store's currency; other fields are their text. old_value NULL: the item was created;
-- new_value NULL: removed.
CREATE TABLE price_change (
    change_id     TEXT    PRIMARY KEY,
    store_id      TEXT    NOT NULL,
    plu_code      TEXT    NOT NULL,
    field         TEXT    NOT NULL,
    old_value     TEXT,
    new_value     TEXT,
    currency      TEXT    NOT NULL,
    user_name     TEXT    NOT NULL,
    changed_ms    BIGINT  NOT NULL,
    revision      BIGINT  NOT NULL
);
CREATE INDEX price_change_store ON price_change (store_id, changed_ms);
CREATE INDEX price_change_plu ON price_change (store_id, plu_code, changed_ms);

-- Every signed book, not only the last: what version N said is what a sale priced from version N was sold as (for
-- sales from scales that do not send their item's name and regular price). Gzip, Base64 (one dialect: TEXT).
CREATE TABLE book_version (
    store_id      TEXT    NOT NULL,
    version       BIGINT  NOT NULL,
    revision      BIGINT  NOT NULL,
    published_ms  BIGINT  NOT NULL,
    payload_gz    TEXT    NOT NULL,
    PRIMARY KEY (store_id, version)
);

-- A sale as it was sold: the name on its label, the regular unit price, the promotion's text and its discount.
-- sold_as: 'scale' (the scale sent them), 'book' (the server took them from the book version that priced the sale),
-- NULL (neither was available: reports fall back to the item's current name).
ALTER TABLE sale ADD COLUMN item_name TEXT;
ALTER TABLE sale ADD COLUMN regular_unit_price_minor BIGINT;
ALTER TABLE sale ADD COLUMN promotion_text TEXT;
ALTER TABLE sale ADD COLUMN discount_minor BIGINT;
ALTER TABLE sale ADD COLUMN sold_as TEXT;
