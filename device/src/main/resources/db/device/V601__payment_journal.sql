-- Card payments at the scale (issue 13): one row per attempt, written before every step so that a scale killed or
-- powered off mid-payment knows on restart what it asked the card terminal and what it still has to settle.
--   AUTHORISING  written before the authorisation (06 01) is sent: the terminal may have booked it or not
--   UNKNOWN      the link was lost or the terminal fell silent during the authorisation: booked or not, unknown yet
--   APPROVED     the terminal approved (receipt, trace, reference known); the PAID label is not out yet
--   COMPLETED    the PAID label printed and the sale went to HQ as paid at the scale: final
--   REVERSING    written before the reversal (06 30) is sent
--   REVERSED     the terminal reversed it (the shopper got nothing, or staff reversed it): final
--   DECLINED, ABORTED, FAILED   nothing was booked: final
--   REVERSAL_FAILED  the terminal refused the reversal (e.g. after its end-of-day): staff must refund; final
CREATE TABLE payment (
    payment_id        INTEGER PRIMARY KEY AUTOINCREMENT,
    sale_id           TEXT    NOT NULL UNIQUE,
    amount_minor      INTEGER NOT NULL CHECK (amount_minor > 0),
    currency          TEXT    NOT NULL,
    state             TEXT    NOT NULL CHECK (state IN ('AUTHORISING', 'UNKNOWN', 'APPROVED', 'COMPLETED', 'REVERSING',
                                  'REVERSED', 'DECLINED', 'ABORTED', 'FAILED', 'REVERSAL_FAILED')),
    terminal_id       INTEGER,
    receipt_number    INTEGER,
    trace_number      INTEGER,
    reference         TEXT,
    reversal_receipt  INTEGER,
    result_code       INTEGER,
    detail            TEXT,
    started_ms        INTEGER NOT NULL,
    updated_ms        INTEGER NOT NULL
);
CREATE INDEX payment_open ON payment (state);

-- Every step of every payment, in order: what the service menu and an auditor read back.
CREATE TABLE payment_step (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    payment_id  INTEGER NOT NULL REFERENCES payment (payment_id),
    at_ms       INTEGER NOT NULL,
    state       TEXT    NOT NULL,
    detail      TEXT
);
