-- A queued sale changed after it may have been sent (a PAID label voided by a card reversal, issue 13): the server's
-- ack carries only sale ids, so an ack of the version sent before the change must not close the entry of the changed
-- one. acks_to_skip counts the acks to let pass first: the entry is closed by the ack after them.
ALTER TABLE outbox ADD COLUMN acks_to_skip INTEGER NOT NULL DEFAULT 0;
