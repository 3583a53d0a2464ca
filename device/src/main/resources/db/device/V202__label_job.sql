-- Rendered labels (issue 3): kept so a label that did not print can be printed again, and so the app
-- can show "label not printed" for a sale. Written before the printer is tried (persist first).
CREATE TABLE label_job (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    sale_id       TEXT    NOT NULL,
    format        TEXT    NOT NULL,
    payload       BLOB    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('PENDING', 'PRINTED', 'NOT_PRINTED')),
    fault         TEXT,
    message       TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    created_at_ms INTEGER NOT NULL,
    printed_at_ms INTEGER
);
CREATE INDEX label_job_sale ON label_job (sale_id);
CREATE INDEX label_job_status ON label_job (status);
