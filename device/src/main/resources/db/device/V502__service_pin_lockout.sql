-- The service PIN's lockout (ui.PinLockout): one row, saved with each wrong or right PIN, so that a restart of the
-- scale keeps the current lock and the escalation (in memory, pulling the plug ended both).
CREATE TABLE service_pin_lockout (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    wrong            INTEGER NOT NULL,
    locked_until_ms  INTEGER NOT NULL,
    next_lock_ms     INTEGER NOT NULL
);
