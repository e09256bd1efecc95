-- The answer given to each Idempotency-Key, written in the same transaction as the command's events.
CREATE TABLE command_idempotency (
    actor_user      VARCHAR(128) NOT NULL,
    idempotency_key VARCHAR(128) NOT NULL,
    fingerprint     CHAR(64)     NOT NULL,
    answer_id       VARCHAR(255),
    answer_version  BIGINT,
    recorded_at     TIMESTAMP    NOT NULL,
    PRIMARY KEY (actor_user, idempotency_key)
);
