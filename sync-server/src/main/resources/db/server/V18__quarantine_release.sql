-- A quarantined sale HQ checked and found genuine (a card-paid sale of a scale of an older build, a refund from an
-- older scale, a sale whose price time fell back) may be released: it is then stored as a counted sale (when its sale
-- id is not stored yet) and its quarantine row keeps who released it, when, and why. NULL for rows never released.
-- One SQL dialect for SQLite and PostgreSQL, as the other migrations.
ALTER TABLE quarantined_sale ADD COLUMN released_by TEXT;
ALTER TABLE quarantined_sale ADD COLUMN released_at_ms BIGINT;
ALTER TABLE quarantined_sale ADD COLUMN release_note TEXT;
