-- Accounts for the manager console and the HTTP API. One SQL dialect for SQLite and PostgreSQL.
-- role 'hq' sees and changes everything; 'manager' only the stores listed in account_store.
CREATE TABLE account (
    user_name       TEXT    PRIMARY KEY,
    role            TEXT    NOT NULL,
    password_hash   TEXT    NOT NULL,         -- pbkdf2-sha256$<iterations>$<salt>$<hash>, see PasswordHasher
    created_ms      BIGINT  NOT NULL
);

-- No foreign key to store: HQ may create a manager before the store's first price book exists.
CREATE TABLE account_store (
    user_name   TEXT    NOT NULL REFERENCES account (user_name),
    store_id    TEXT    NOT NULL,
    PRIMARY KEY (user_name, store_id)
);

-- Console sessions live in the database, not in one server's memory, so that any instance of a chain's
-- servers serves the console and a logout or `user remove` ends the session everywhere. Only a hash of the
-- token is stored: a copy of the database does not let anyone take over a session.
CREATE TABLE account_session (
    token_hash      TEXT    PRIMARY KEY,
    user_name       TEXT    NOT NULL REFERENCES account (user_name),
    created_ms      BIGINT  NOT NULL,
    last_seen_ms    BIGINT  NOT NULL
);
CREATE INDEX account_session_user ON account_session (user_name);
