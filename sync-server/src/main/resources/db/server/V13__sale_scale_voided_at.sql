-- When the scale voided the sale, by the scale's clock (Sale.voidedAt): for a label that never printed, when the scale
-- gave it up; for a card payment reversed at the scale after its PAID label printed, when the scale began the reversal.
-- A late void is taken only with this time, within the scale's reversal window after the sale (Resent); voided_at_ms
-- stays what it was: when HQ took the late void. NULL for every counted sale, and for a void from a scale of an older
-- build (which sent no time). One SQL dialect for SQLite and PostgreSQL, as the other migrations.
ALTER TABLE sale ADD COLUMN scale_voided_at_ms BIGINT;
