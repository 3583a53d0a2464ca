-- A store's own time zone (IANA name, e.g. America/Chicago) for its business day in HQ's reports; NULL means the
-- chain's zone, the server's --business-zone. A chain across time zones counts each sale on the date its
-- store's clock showed.
ALTER TABLE store ADD COLUMN time_zone TEXT;
