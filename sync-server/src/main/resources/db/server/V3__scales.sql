-- Last known status of every scale (from its retained status topic and Last Will).
CREATE TABLE scale_status (
    store_id        TEXT    NOT NULL,
    scale_id        TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    last_seen_ms    BIGINT  NOT NULL,
    status_json     TEXT    NOT NULL,
    PRIMARY KEY (store_id, scale_id)
);
