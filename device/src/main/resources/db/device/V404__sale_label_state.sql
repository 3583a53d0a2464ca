-- No label, no sale (issue 11): a sale is recorded before its label is sent (so no label without a sale), but
-- it reaches HQ only once its label printed. label: WAITING (recorded, label not yet out; no outbox entry),
-- PRINTED (queued for HQ), VOIDED (the label never printed: queued for HQ as a voided sale, with its reason).
-- Sales recorded before this migration were queued at once: they count as PRINTED.
ALTER TABLE sale ADD COLUMN label TEXT NOT NULL DEFAULT 'PRINTED' CHECK (label IN ('WAITING', 'PRINTED', 'VOIDED'));
ALTER TABLE sale ADD COLUMN void_reason TEXT;
