-- A label the printer reported as not printed after it had been sent the job (a TCP timeout once the printer took it)
-- may have come out all the same: it is sent again only as a marked copy, and a PAID one not at all.
ALTER TABLE label_job ADD COLUMN may_have_printed INTEGER NOT NULL DEFAULT 0;
