-- Keys are purged by age (IdempotencyRetention): the purge finds them by this index instead of reading the table.
CREATE INDEX command_idempotency_recorded_at ON command_idempotency (recorded_at);
