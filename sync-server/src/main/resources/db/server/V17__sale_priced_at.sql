-- When the scale fixed the sale's price, by the scale's clock (Sale.pricedAt: the press of Print or Pay, before a card
-- payment that may take minutes): the time HQ judged the price and promotion at. Kept so that a report shows what the
-- check used, and so that a sale sent again with another price time is refused as changed. NULL for sales from scales
-- of older builds (judged at sold_at_ms) and for those stored before this version. One SQL dialect for SQLite and
-- PostgreSQL, as the other migrations.
ALTER TABLE sale ADD COLUMN priced_at_ms BIGINT;
