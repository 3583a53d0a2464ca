-- Issue 10: a sale the scale does not trust yet (a pick outside the tiles, or cheaper than the first tile)
-- is kept as 'pending': stored with its picture, not searched until corroborated (recognition.LearningRule).
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same rows.
CREATE TABLE recognition_gallery_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    plu_code   TEXT    NOT NULL,
    source     TEXT    NOT NULL CHECK (source IN ('sale', 'taught', 'pending')),
    model      TEXT    NOT NULL,
    embedding  BLOB    NOT NULL,
    thumbnail  BLOB    NOT NULL,
    created_at TEXT    NOT NULL
);
INSERT INTO recognition_gallery_new (id, plu_code, source, model, embedding, thumbnail, created_at)
    SELECT id, plu_code, source, model, embedding, thumbnail, created_at FROM recognition_gallery;
DROP TABLE recognition_gallery;
ALTER TABLE recognition_gallery_new RENAME TO recognition_gallery;
CREATE INDEX recognition_gallery_plu ON recognition_gallery (plu_code, source, id);
