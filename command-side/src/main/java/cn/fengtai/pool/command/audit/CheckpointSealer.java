package cn.fengtai.pool.command.audit;

import cn.fengtai.pool.events.audit.Checkpoint;
import cn.fengtai.pool.events.audit.EventChain;
import cn.fengtai.pool.events.audit.Signatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Seals the global hash chain periodically: the head's global hash, signed with the district's key. Anyone holding
 * the public key can then check that no event up to that position was changed afterwards, even by someone with
 * write access to the database.
 */
@Component
public class CheckpointSealer {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSealer.class);

    private final JdbcTemplate jdbc;
    private final AuditKey key;

    CheckpointSealer(JdbcTemplate jdbc, AuditKey key) {
        this.jdbc = jdbc;
        this.key = key;
    }

    @Scheduled(fixedDelayString = "${pool.audit.checkpoint-interval-ms:60000}", initialDelayString = "${pool.audit.checkpoint-interval-ms:60000}")
    void sealPeriodically() {
        try {
            seal();
        } catch (RuntimeException e) {
            log.warn("could not seal a checkpoint now: {}", e.getMessage());
        }
    }

    /** Signs the current head unless it is already sealed; answers the newest checkpoint, or null with no events. */
    @Transactional
    public Checkpoint seal() {
        List<Map<String, Object>> head = jdbc.queryForList(
                "SELECT global_index, global_hash FROM event_chain WHERE global_index = (SELECT MAX(global_index) FROM event_chain)");
        if (head.isEmpty()) return null;
        long position = ((Number) head.get(0).get("global_index")).longValue();
        String hash = ((String) head.get(0).get("global_hash")).strip();
        Long sealed = jdbc.queryForObject("SELECT MAX(position) FROM audit_checkpoint", Long.class);
        if (sealed == null || sealed < position) {
            long events = jdbc.queryForObject("SELECT COUNT(*) FROM event_chain WHERE global_index <= ?", Long.class, position);
            String signature;
            try {
                signature = Signatures.sign(key.privateKey(), EventChain.checkpointMessage(position, hash));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("could not sign a checkpoint", e);
            }
            jdbc.update("INSERT INTO audit_checkpoint (position, global_hash, events, signed_at, public_key, signature) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", position, hash, events, Timestamp.from(Instant.now()), key.publicKey(), signature);
            log.info("sealed checkpoint at position {} ({} events)", position, events);
        }
        return jdbc.queryForObject(Checkpoint.SELECT + " WHERE position = (SELECT MAX(position) FROM audit_checkpoint)",
                (rs, i) -> Checkpoint.of(rs));
    }
}
