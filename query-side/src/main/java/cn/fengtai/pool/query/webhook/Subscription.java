package cn.fengtai.pool.query.webhook;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription: where matching events go, the secret they are signed with, and how far delivery got:
 * {@code position} is the last event delivered or passed over (its cursor, kept when it is disabled), {@code attempts}
 * and {@code nextAttemptAt} the retries of the event after it, {@code failingSince} when it last stopped answering.
 */
@Document("webhooks")
record Subscription(@Id String id, String url, List<String> types, List<String> streets, String description,
                    String secret, long position, boolean enabled, String lastError, Instant failingSince,
                    Instant nextAttemptAt, int attempts, String createdBy, Instant createdAt) {

    /** As the API shows it: never the secret. */
    record Shown(String id, String url, List<String> types, List<String> streets, String description, long position,
                 boolean enabled, String lastError, Instant nextAttemptAt, int attempts, Instant createdAt) {
    }

    Shown shown() {
        return new Shown(id, url, types, streets, description, position, enabled, lastError, nextAttemptAt, attempts,
                createdAt);
    }
}
