package cn.fengtai.pool.query.readmodel;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A read model of one document per aggregate, folded from that aggregate's events, each applied exactly once.
 * Delivery is at least once (a retried batch, a restart before the token was stored), so each document keeps the
 * sequence number of the last event it reflects and an event at or below it changes nothing. Events of one aggregate
 * arrive in order on one thread (Axon's per-aggregate sequencing), so a document has a single writer and a plain
 * replace is safe.
 */
public abstract class FoldingProjection<T extends Versioned> {

    private final MongoTemplate mongo;
    private final Class<T> type;
    private final String eventPackage;
    private final Supplier<T> fresh;
    private final BiConsumer<T, Object> fold;

    protected FoldingProjection(MongoTemplate mongo, Class<T> type, String eventPackage, Supplier<T> fresh,
                                BiConsumer<T, Object> fold) {
        this.mongo = mongo;
        this.type = type;
        this.eventPackage = eventPackage;
        this.fresh = fresh;
        this.fold = fold;
    }

    @EventHandler
    public void on(Object event, DomainEventMessage<?> message, TrackingToken token) {
        if (!event.getClass().getPackageName().equals(eventPackage)) {
            return;
        }
        String id = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        T document = mongo.findById(id, type);
        if (document == null) {
            if (sequence != 0) {
                throw new IllegalStateException(type.getSimpleName() + " " + id + " is missing before event " + sequence);
            }
            document = fresh.get();
        }
        if (document.version() >= sequence) {
            return;
        }
        fold.accept(document, event);
        document.stamp(sequence, positionOf(token), message.getTimestamp());
        mongo.save(document);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(type);
    }

    public static long positionOf(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
