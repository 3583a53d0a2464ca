-- Failed logins, per user name ('u:<name>') and per client address ('a:<address>'), kept in the database
-- and not in one server's memory: every server instance of a chain counts the same failures (an attacker
-- gets no more guesses by spreading them over the instances) and a restart forgets nothing.
-- Rows older than the longest lock are deleted as new failures come in. One dialect for SQLite and PostgreSQL.
CREATE TABLE login_failure (
    throttle_key     TEXT    PRIMARY KEY,
    failures         INTEGER NOT NULL,
    last_failure_ms  BIGINT  NOT NULL,
    locked_until_ms  BIGINT  NOT NULL
);
