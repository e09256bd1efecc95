package cn.fengtai.pool.query.readmodel;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A read model of one document per aggregate, folded from that aggregate's events, each applied exactly once.
 * <p>
 * The documents a batch of events touches are read with one query, folded in memory and written back with one bulk
 * write when the batch's last event has been handled ({@link PendingBatch}, {@link FlushAtBatchEnd}), before Axon
 * stores the processor's token. A batch that fails is retried from the stored token, so nothing is lost; delivery is
 * therefore at least once, and each document keeps the sequence number of the last event it reflects: an event at or
 * below it changes nothing. Events of one aggregate arrive in order on one thread (Axon's per-aggregate sequencing), so
 * a document has a single writer and a plain replace is safe.
 * <p>
 * Each read model is its own processor, and each processor reads every event of the store; the events of other read
 * models are passed over by the processor itself ({@link #canHandle}), before it opens a unit of work for them. The
 * projections are registered with Axon by {@code QueryConfiguration}, not found by annotation.
 */
public abstract class FoldingProjection<T extends Versioned> implements EventMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(FoldingProjection.class);

    protected final MongoTemplate mongo;
    private final Class<T> type;
    private final String eventPackage;
    private final Supplier<T> fresh;
    private final BiConsumer<T, Object> fold;
    private final String resourceKey = getClass().getName() + ".pending";
    private ReadModels readModels;
    private final String name;

    protected FoldingProjection(MongoTemplate mongo, Class<T> type, String eventPackage, Supplier<T> fresh,
                                BiConsumer<T, Object> fold) {
        this.mongo = mongo;
        this.type = type;
        this.eventPackage = eventPackage;
        this.fresh = fresh;
        this.fold = fold;
        this.readModels = new ReadModels(mongo);
        ProcessingGroup group = getClass().getAnnotation(ProcessingGroup.class);
        this.name = group != null ? group.value() : mongo.getCollectionName(type);
    }

    /**
     * Whether this read model folds events of this type: asked by the processor for every event it reads, with the type
     * of the stored event, known without deserializing it, so that a passed-over event costs no unit of work.
     */
    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return payloadType.getPackageName().equals(eventPackage);
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> && canHandleType(event.getPayloadType());
    }

    @Override
    public Object handle(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain) {
            on(domain, event instanceof TrackedEventMessage<?> tracked ? tracked.trackingToken() : null);
        }
        return null;
    }

    @Override
    public Class<?> getTargetType() {
        return getClass();
    }

    /** Folds one event; events of other read models change nothing. */
    public void on(DomainEventMessage<?> message, TrackingToken token) {
        PendingBatch<T> pending = pending();
        pending.last = Math.max(pending.last, positionOf(token));
        if (!canHandleType(message.getPayloadType())) {
            if (pending.immediate) pending.flush();
            return;
        }
        Object event = message.getPayload();
        String id = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        T document = pending.documents.containsKey(id) ? pending.documents.get(id) : pending.load(id);
        if (document == null) {
            if (sequence != 0) {
                throw new IllegalStateException(type.getSimpleName() + " " + id + " is missing before event " + sequence);
            }
            document = fresh.get();
        }
        if (document.version() >= sequence) {
            return;
        }
        long position = positionOf(token);
        beforeFold(document, position, pending.extra);
        fold.accept(document, event);
        document.stamp(sequence, position, message.getTimestamp());
        afterFold(document, position, pending.extra);
        pending.documents.put(id, document);
        if (log.isDebugEnabled()) log.debug("{} {} folded {} at position {}", name, id, message.getPayloadType().getSimpleName(), position);
        if (pending.immediate) {
            pending.flush();
        }
    }

    /** Called with the document before an event changes it; {@code batch} is what {@link #startBatch} returned. */
    protected void beforeFold(T document, long position, Object batch) {
    }

    /** Called with the document after an event changed it. */
    protected void afterFold(T document, long position, Object batch) {
    }

    /**
     * Called once per batch before its first event, with the suffix of the generation being written
     * ({@link ReadModels}): what it returns is handed to the fold hooks and to {@link #flush}.
     */
    protected Object startBatch(String suffix) {
        return null;
    }

    /**
     * As {@link #startBatch}, for events handled out of their order in the store: parked events retried from the
     * dead-letter queue ({@link ParkedEvents}), behind what the read model has already counted.
     */
    protected Object startLateBatch(String suffix) {
        return startBatch(suffix);
    }

    /** The read model's collections besides its documents' one, with this generation's suffix. */
    protected List<String> otherCollections(String suffix) {
        return List.of();
    }

    /**
     * The shape of the documents this projection writes. Raise it when a change of the fold or of the documents' fields
     * needs the documents written again from the events: at start, a read model of an older shape is rebuilt
     * (blue/green, as by the operators' rebuild) while the old generation keeps answering.
     */
    public int shape() {
        return 1;
    }

    /** The read model's name: its processing group. */
    public String name() {
        return name;
    }

    /** Every collection of the read model's generation with this suffix. */
    public List<String> collections(String suffix) {
        List<String> collections = new ArrayList<>(List.of(mongo.getCollectionName(type) + suffix));
        collections.addAll(otherCollections(suffix));
        return collections;
    }

    /** A document as it is written: by the application's converter, with the read models' own converters. */
    Document toDocument(T document) {
        Document bson = new Document();
        mongo.getConverter().write(document, bson);
        return bson;
    }

    /**
     * Called when the batch's documents are about to be written to the given generation; returns what to do once they
     * are.
     */
    protected Runnable written(Collection<T> documents, int generation) {
        return () -> { };
    }

    /**
     * Called at the end of the batch; returns the batch's own write, done before the documents' (see
     * {@code ProjectProjection} for why that order).
     */
    protected Runnable flush(Object batch) {
        return () -> { };
    }

    /**
     * The application's {@link ReadModels}, so that its queries see a switch made here at once (they go by a state up
     * to a second old otherwise); direct callers keep one of their own.
     */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void sharedReadModels(ReadModels shared) {
        this.readModels = shared;
    }

    /**
     * The processor starts again from the first event: the generation it will write starts empty. When a rebuild runs
     * ({@link ReadModels#startRebuild}) that is a new generation, and the one answering queries is left alone.
     */
    @Override
    public void prepareReset() {
        collections(readModels.state(name).writingSuffix()).forEach(readModels::drop);
    }


    /** The generation {@code state} is building answers from now on: every event up to {@code position} is in it. */
    public void switchTo(ReadModels.State state, long position) {
        if (readModels.finishRebuild(name, state.building(), collections(state.activeSuffix()))) {
            log.info("read model {} rebuilt up to position {}: generation {} answers from now on", name, position,
                    state.building());
        }
    }

    ReadModels readModels() {
        return readModels;
    }

    Class<T> type() {
        return type;
    }

    public static long positionOf(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /** This batch's documents: one per unit of work, kept as a resource of the root unit of work. */
    private PendingBatch<T> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new PendingBatch<>(this, true, false, List.of());
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (!(root instanceof BatchingUnitOfWork<?> batch)) {
            // Processors hand events over in batches; a single unit of work is a parked event being retried.
            return root.getOrComputeResource(resourceKey, key -> new PendingBatch<>(this, true, true, List.of()));
        }
        PendingBatch<T> pending = root.getResource(resourceKey);
        if (pending == null) {
            pending = new PendingBatch<>(this, false, false, batch.getMessages());
            root.resources().put(resourceKey, pending);
            // The flush runs at the last message (FlushAtBatchEnd), before the token is stored; this is the net under
            // it should that interceptor not be registered: later than the token, but never skipped.
            root.onPrepareCommit(pending::flushOnce);
            FlushAtBatchEnd.register(root, pending::flushOnce);
        }
        return pending;
    }
}
