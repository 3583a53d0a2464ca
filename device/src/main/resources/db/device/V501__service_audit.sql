-- Service-menu actions (logins, printer tests, reprints, teaching, calibration wizard), kept for the
-- technician and the inspector next to the calibration audit of V1xx. Append-only.
CREATE TABLE service_audit (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms     INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    what      TEXT    NOT NULL,
    detail    TEXT    NOT NULL
);
