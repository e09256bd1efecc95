-- Tamper evidence. event_chain holds, for every stored event, its hash chained to the previous event of its aggregate
-- and to the previous event in global order, written in the event's own append transaction. audit_checkpoint holds
-- the global hash at a position, signed with the district's Ed25519 key.
CREATE TABLE event_chain (
    global_index         BIGINT       NOT NULL PRIMARY KEY,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    aggregate_hash       CHAR(64)     NOT NULL,
    global_hash          CHAR(64)     NOT NULL
);
CREATE UNIQUE INDEX event_chain_aggregate ON event_chain (aggregate_identifier, sequence_number);

CREATE TABLE audit_checkpoint (
    position    BIGINT       NOT NULL PRIMARY KEY,
    global_hash CHAR(64)     NOT NULL,
    events      BIGINT       NOT NULL,
    signed_at   TIMESTAMP    NOT NULL,
    public_key  VARCHAR(200) NOT NULL,
    signature   VARCHAR(200) NOT NULL
);
