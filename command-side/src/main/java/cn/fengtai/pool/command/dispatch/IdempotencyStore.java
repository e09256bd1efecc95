package cn.fengtai.pool.command.dispatch;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Remembers the answer to each {@code Idempotency-Key}, in the event store's database and in the same transaction as
 * the events, so that a key is stored if and only if its events are.
 */
@Component
class IdempotencyStore {

    record Entry(String fingerprint, String answerId, Long answerVersion) {
    }

    private final JdbcTemplate jdbc;

    IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> find(String user, String key) {
        List<Entry> entries = jdbc.query(
                "SELECT fingerprint, answer_id, answer_version FROM command_idempotency WHERE actor_user = ? AND idempotency_key = ?",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2), (Long) rs.getObject(3, Long.class)), user, key);
        return entries.stream().findFirst();
    }

    /** Claims the key; a concurrent claim of the same key waits for this transaction and then fails. */
    void claim(String user, String key, String fingerprint) {
        jdbc.update("INSERT INTO command_idempotency (actor_user, idempotency_key, fingerprint, recorded_at) VALUES (?, ?, ?, ?)",
                user, key, fingerprint, Timestamp.from(Instant.now()));
    }

    void answer(String user, String key, CommandAnswer answer) {
        jdbc.update("UPDATE command_idempotency SET answer_id = ?, answer_version = ? WHERE actor_user = ? AND idempotency_key = ?",
                answer.id(), answer.version(), user, key);
    }
}
