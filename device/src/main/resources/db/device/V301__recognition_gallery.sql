-- The store's recognition gallery: one row per confirmed sale or taught example (vision stage).
-- The embedding belongs to one model; the thumbnail (the normalised crop, JPEG) lets a new model
-- re-embed the store's examples instead of losing what the store taught the scale.
CREATE TABLE recognition_gallery (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    plu_code   TEXT    NOT NULL,
    source     TEXT    NOT NULL CHECK (source IN ('sale', 'taught')),
    model      TEXT    NOT NULL,
    embedding  BLOB    NOT NULL,
    thumbnail  BLOB    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX recognition_gallery_plu ON recognition_gallery (plu_code, source, id);
