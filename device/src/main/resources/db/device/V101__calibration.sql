-- Weighing: calibration, its non-resettable event counter, and the append-only audit log of legally
-- relevant changes (WELMEC 7.2 "event counter" / "audit trail"; OIML R76-1 4.1.2.4 securing of parameters).

CREATE TABLE calibration_counter (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    events INTEGER NOT NULL CHECK (events >= 0)
);
INSERT INTO calibration_counter (id, events) VALUES (1, 0);

CREATE TRIGGER calibration_counter_counts_up BEFORE UPDATE ON calibration_counter
WHEN NEW.events <> OLD.events + 1 OR NEW.id <> OLD.id
BEGIN SELECT RAISE(ABORT, 'the calibration event counter only counts up, one event at a time'); END;

CREATE TRIGGER calibration_counter_kept BEFORE DELETE ON calibration_counter
BEGIN SELECT RAISE(ABORT, 'the calibration event counter cannot be deleted'); END;

CREATE TABLE calibration (
    event       INTEGER PRIMARY KEY,           -- the counter value this calibration produced
    created_at  TEXT    NOT NULL,              -- ISO-8601 UTC
    technician  TEXT    NOT NULL,
    ranges      TEXT    NOT NULL               -- Max/e the scale was calibrated for, e.g. "6000g/2g, 15000g/5g"
);

CREATE TABLE calibration_point (
    event   INTEGER NOT NULL REFERENCES calibration (event),
    mass_mg INTEGER NOT NULL CHECK (mass_mg >= 0),
    counts  REAL    NOT NULL,
    PRIMARY KEY (event, mass_mg)
);

CREATE TABLE weighing_audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT    NOT NULL,
    event      INTEGER NOT NULL,                -- calibration counter after the change
    actor      TEXT    NOT NULL,
    what       TEXT    NOT NULL,
    old_value  TEXT,
    new_value  TEXT    NOT NULL
);

-- History is never rewritten.
CREATE TRIGGER calibration_append_only_u BEFORE UPDATE ON calibration
BEGIN SELECT RAISE(ABORT, 'calibration records are append-only'); END;
CREATE TRIGGER calibration_append_only_d BEFORE DELETE ON calibration
BEGIN SELECT RAISE(ABORT, 'calibration records are append-only'); END;
CREATE TRIGGER calibration_point_append_only_u BEFORE UPDATE ON calibration_point
BEGIN SELECT RAISE(ABORT, 'calibration points are append-only'); END;
CREATE TRIGGER calibration_point_append_only_d BEFORE DELETE ON calibration_point
BEGIN SELECT RAISE(ABORT, 'calibration points are append-only'); END;
CREATE TRIGGER weighing_audit_log_append_only_u BEFORE UPDATE ON weighing_audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER weighing_audit_log_append_only_d BEFORE DELETE ON weighing_audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
