-- Issue 12: the store network.
-- Every scale and every server instance has its own MQTT identity. The password hash is Mosquitto's own
-- format ($7$: PBKDF2-HMAC-SHA512), so the embedded broker checks it here and a chain's Mosquitto reads the
-- same hashes from the password_file that `freshscale-server mqtt passwords` writes. A revoked identity is
-- kept (who it was, when it went) and refused.
CREATE TABLE mqtt_identity (
    user_name       TEXT    PRIMARY KEY,
    kind            TEXT    NOT NULL,            -- SCALE or SERVER
    store_id        TEXT,
    scale_id        TEXT,
    password_hash   TEXT    NOT NULL,
    created_ms      BIGINT  NOT NULL,
    revoked_ms      BIGINT
);

-- One-time enrollment codes made in the console for one scale of one store. Only a hash of the code is
-- kept; a code is good once, until it expires.
CREATE TABLE enrollment_code (
    code_hash       TEXT    PRIMARY KEY,
    store_id        TEXT    NOT NULL,
    scale_id        TEXT    NOT NULL,
    created_by      TEXT    NOT NULL,
    created_ms      BIGINT  NOT NULL,
    expires_ms      BIGINT  NOT NULL,
    used_ms         BIGINT
);

-- Sales that a till would not take (unknown PLU, wrong total, foreign currency, implausible time, a price
-- book never published, a sale id another scale already used): kept with the reason, shown in the console,
-- never counted in a report. Acknowledged all the same, so the scale stops resending.
CREATE TABLE quarantined_sale (
    sale_id         TEXT    NOT NULL,
    store_id        TEXT    NOT NULL,
    scale_id        TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    detail          TEXT    NOT NULL,
    sale_json       TEXT    NOT NULL,
    received_at_ms  BIGINT  NOT NULL,
    PRIMARY KEY (sale_id, store_id, scale_id)
);
CREATE INDEX quarantined_sale_received ON quarantined_sale (received_at_ms);

-- Every price book version a store published (the signed JSON): a sale names the version that priced it,
-- and ingest checks its PLU and price against that version. Versions are dropped once no sale priced by
-- them can still be accepted (older than ingest's time window and superseded).
CREATE TABLE published_book_version (
    store_id        TEXT    NOT NULL,
    version         BIGINT  NOT NULL,
    published_ms    BIGINT  NOT NULL,
    payload         TEXT    NOT NULL,
    PRIMARY KEY (store_id, version)
);
INSERT INTO published_book_version (store_id, version, published_ms, payload)
    SELECT store_id, version, published_ms, payload FROM published_book;
