-- One table of the book versions a store published (review finding): published_book_version (V8, the signed JSON that
-- went to the scales) and book_version (V10, the same book unsigned and gzipped) were written in the same transaction
-- for every version since V10, so every row of book_version has its twin in published_book_version, which also has the
-- versions from before V10. published_book_version stays, the source of truth for ingest's till check and for what a
-- version said (BookVersions); the one thing only book_version had, the store revision a version was signed from,
-- moves over, and book_version goes. Versions are kept (the sold-as fallback and the till check read old ones).
-- One SQL dialect for SQLite and PostgreSQL, as the other migrations.
ALTER TABLE published_book_version ADD COLUMN revision BIGINT;
UPDATE published_book_version SET revision = (SELECT b.revision FROM book_version b
    WHERE b.store_id = published_book_version.store_id AND b.version = published_book_version.version);
DROP TABLE book_version;
