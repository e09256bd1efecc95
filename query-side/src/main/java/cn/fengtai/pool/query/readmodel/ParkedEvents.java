package cn.fengtai.pool.query.readmodel;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events a projection failed on, parked in Axon's sequenced dead-letter queue, stored beside the read models
 * (collection {@code dead_letters}), one queue per read model and one sequence per aggregate: a failed project's later
 * events wait behind it while every other project goes on. A failure of the read-model store itself is not parked: it
 * fails the batch, which Axon retries from the stored token, so an outage parks nothing and skips nothing.
 */
@Component
public class ParkedEvents {

    /** Far more than a read model should ever park: an overflowing queue would stop its processor. */
    private static final int LIMIT = 1_000_000;

    private final DefaultMongoTemplate axonMongo;
    private final Map<String, SequencedDeadLetterQueue<EventMessage<?>>> queues = new ConcurrentHashMap<>();

    public ParkedEvents(MongoClient client, MongoTemplate mongo) {
        this.axonMongo = DefaultMongoTemplate.builder()
                .mongoDatabase(client, mongo.getDb().getName())
                .build()
                .withDeadLetterCollection("dead_letters");
    }

    /** The queue of one read model (its processing group), made with the serializer that reads the stored events. */
    public SequencedDeadLetterQueue<EventMessage<?>> queue(String readModel, Configuration configuration) {
        return queues.computeIfAbsent(readModel, group -> MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(group)
                .mongoTemplate(axonMongo)
                // The stored event's own serializer, so a letter keeps the stored bytes even where they cannot be read.
                .serializer(configuration.eventSerializer())
                .maxSequences(LIMIT)
                .maxSequenceSize(LIMIT)
                .build());
    }

    /** Park what a handler throws, except a failure of the stores: that one fails the batch, to be retried. */
    public static EnqueuePolicy<EventMessage<?>> policy() {
        return (letter, cause) -> {
            if (outage(cause)) {
                if (cause instanceof RuntimeException runtime) throw runtime;
                throw new IllegalStateException(cause);
            }
            return Decisions.enqueue(described(cause));
        };
    }

    /** The failure with its root cause, which is what tells an operator what to fix (the top one is often a wrapper). */
    private static ThrowableCause described(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root == cause ? String.valueOf(cause.getMessage())
                : cause.getMessage() + "; caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
        if (message.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE) {
            message = message.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE);
        }
        return new ThrowableCause(cause.getClass().getName(), message);
    }

    private static boolean outage(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof MongoException || t instanceof DataAccessException) return true;
        }
        return false;
    }

    /** One parked event, as operators see it. */
    public record Parked(String aggregate, long sequence, Long position, String type, Instant parkedAt,
                         Instant lastTried, String cause) {
    }

    public long count(String readModel, EventProcessingConfiguration processing) {
        return processing.deadLetterQueue(readModel).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    public List<Parked> list(String readModel, EventProcessingConfiguration processing, int limit) {
        List<Parked> parked = new ArrayList<>();
        processing.deadLetterQueue(readModel).ifPresent(queue -> {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (parked.size() >= limit) return;
                    parked.add(describe(letter));
                }
            }
        });
        return parked;
    }

    private static Parked describe(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        String aggregate = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : -1;
        Long position = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken().position().isPresent()
                ? tracked.trackingToken().position().getAsLong() : null;
        String type = message.getPayloadType() == null ? null : message.getPayloadType().getSimpleName();
        return new Parked(aggregate, sequence, position, type, letter.enqueuedAt(), letter.lastTouched(),
                letter.cause().map(Cause::message).orElse(null));
    }

    /**
     * Tries every parked sequence of a read model once, in order, each from its first event; what fails again stays
     * parked. Returns how many sequences went through.
     */
    public int retry(String readModel, EventProcessingConfiguration processing) {
        var processor = processing.sequencedDeadLetterProcessor(readModel).orElse(null);
        long sequences = processing.deadLetterQueue(readModel).map(SequencedDeadLetterQueue::amountOfSequences).orElse(0L);
        int through = 0;
        for (long i = 0; processor != null && i < sequences; i++) {
            if (processor.processAny()) through++;
        }
        return through;
    }
}
