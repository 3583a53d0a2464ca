-- When the scale voided a sale, by its clock (Sale.voidedAt, issue 13): for a label that never printed, when the scale
-- gave it up; for a card payment reversed after its PAID label printed, when the reversal began (the payment journal's
-- REVERSING step). The voided sale in payload carries the same time, so every re-send (after a restart too) sends it
-- unchanged; HQ takes a late void only with it. NULL for a sale not voided, and for one voided before this migration.
ALTER TABLE sale ADD COLUMN voided_at_ms INTEGER;
