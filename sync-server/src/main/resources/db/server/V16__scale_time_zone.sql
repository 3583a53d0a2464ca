-- The time zone each scale last reported in its status (the zone its labels' packed and sell-by dates are in, e.g.
-- Europe/Berlin), so that the console shows when it differs from the zone of its store's business day. NULL while the
-- scale never reported one (older firmware); a status without it (the OFFLINE Last Will, older firmware) keeps it.
ALTER TABLE scale_status ADD COLUMN time_zone TEXT;
