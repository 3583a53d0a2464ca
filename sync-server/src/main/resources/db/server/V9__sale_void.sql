-- No label, no sale (issue 11): a sale whose label never printed reaches HQ voided, with the scale's reason. It is
-- kept (not deleted) and listed, but no total, rate or reconciliation counts it. count_implausible: a per-piece
-- count the scale judged implausible for the load on the platter (NULL: not judged), flagged like a mismatch.
ALTER TABLE sale ADD COLUMN void_reason TEXT;
ALTER TABLE sale ADD COLUMN count_implausible BOOLEAN;
