package cn.fengtai.pool.command.dispatch;

import cn.fengtai.pool.wiring.PoolProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * Forgets the answers to {@code Idempotency-Key}s older than {@code pool.idempotency.retention} (7 days unless set):
 * a client retries a request within minutes, and the table would otherwise grow with every keyed command forever. A
 * key used again after that is a new request. The imports' keys stay: they are the identities of spreadsheet rows
 * ({@code command.imports}), and a list imported again next year must still find its rows imported.
 */
@Component
public class IdempotencyRetention {

    /** The owner the imports keep their rows' keys under. */
    public static final String IMPORTS = "import";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRetention.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Clock clock;

    IdempotencyRetention(JdbcTemplate jdbc, PoolProperties pool) {
        Duration retention = pool.idempotency().retention();
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("pool.idempotency.retention must be positive, was " + retention);
        }
        this.jdbc = jdbc;
        this.retention = retention;
        this.clock = Clock.systemUTC();
    }

    /** @return how many keys were forgotten */
    @Scheduled(fixedDelayString = "${pool.idempotency.purge-interval:1h}", initialDelayString = "${pool.idempotency.purge-interval:1h}")
    public int purge() {
        int purged = jdbc.update("DELETE FROM command_idempotency WHERE recorded_at < ? AND actor_user <> ?",
                Timestamp.from(clock.instant().minus(retention)), IMPORTS);
        if (purged > 0) log.info("forgot {} idempotency keys older than {}", purged, retention);
        return purged;
    }
}
