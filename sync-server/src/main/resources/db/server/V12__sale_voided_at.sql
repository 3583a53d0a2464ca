-- When HQ took a void after the fact (a card payment reversed at the scale after its PAID label printed, the only late
-- void it takes): the sale left the takings then, not when it was sold. NULL for a sale that arrived voided (its label
-- never printed) and for every counted sale.
ALTER TABLE sale ADD COLUMN voided_at_ms BIGINT;
