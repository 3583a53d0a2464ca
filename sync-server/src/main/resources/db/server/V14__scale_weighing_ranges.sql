-- The weighing ranges each scale last reported in its status (Max and e of each partial range in mg, OIML R76-1 3.2; Min
-- = 20 e1), so that the ingest judges a per-kg sale's net by the scale that weighed it. One SQL dialect for SQLite and
-- PostgreSQL, as the other migrations. weighing_ranges: JSON [{"eMg":2000,"maxMg":6000000},...], NULL while the scale
-- never reported them (older firmware); ranges_changed_ms: when the server first received these ranges.
ALTER TABLE scale_status ADD COLUMN weighing_ranges TEXT;
ALTER TABLE scale_status ADD COLUMN ranges_changed_ms BIGINT;

-- Every change of a scale's ranges, a metrological event: old -> new (old_ranges NULL: the first report), when the server
-- received it (changed_ms) and the time in the scale's status (reported_at_ms, the scale's clock).
CREATE TABLE scale_range_change (
    change_id       TEXT    PRIMARY KEY,
    store_id        TEXT    NOT NULL,
    scale_id        TEXT    NOT NULL,
    old_ranges      TEXT,
    new_ranges      TEXT    NOT NULL,
    changed_ms      BIGINT  NOT NULL,
    reported_at_ms  BIGINT  NOT NULL
);
CREATE INDEX scale_range_change_scale ON scale_range_change (store_id, scale_id, changed_ms);
