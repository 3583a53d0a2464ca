-- The sale numbers a scale used for more than one sale (GET /api/reports/sale-numbers): a scale's sales grouped by their
-- number, with the newest use of each, read from the index alone. One SQL dialect for SQLite and PostgreSQL.
CREATE INDEX sale_scale_number ON sale (store_id, scale_id, sale_number, sold_at_ms);
