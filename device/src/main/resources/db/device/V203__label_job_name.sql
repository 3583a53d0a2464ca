-- The name a label job is printed under (label-000012 for sale 12, issue 11): a printer that keeps jobs as
-- files names the file by it, so the label file and the sale's preview (sale-000012.png) name the same sale,
-- and a reprint of a label replaces its file instead of taking the next number.
ALTER TABLE label_job ADD COLUMN name TEXT;
