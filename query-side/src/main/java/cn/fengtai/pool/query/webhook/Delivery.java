package cn.fengtai.pool.query.webhook;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** One event's delivery to one subscription: PENDING while it is retried, DELIVERED once answered 2xx, FAILED when given up. */
@Document("webhook_deliveries")
record Delivery(@Id String id, String subscription, String eventId, long position, String status, int attempts,
                Integer lastStatus, Instant nextAttemptAt, Instant updatedAt) {
}
