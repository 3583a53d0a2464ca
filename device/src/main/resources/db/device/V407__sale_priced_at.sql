-- When the scale fixed the sale's price (Sale.pricedAt): the press of Print or of Pay here by card, where the price in
-- force is confirmed; sold_at_ms is later by the card payment. HQ judges the price at this time, so a promotion that ended
-- while the shopper paid does not quarantine a sale the card paid for. The payload carries the same time, so every
-- re-send carries it unchanged. NULL for a sale recorded before this migration (its price is judged at sold_at_ms).
ALTER TABLE sale ADD COLUMN priced_at_ms INTEGER;
