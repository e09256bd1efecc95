package cn.fengtai.pool.query.readmodel;

import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of a {@link FoldingProjection}: the documents its events touch, read with one query, folded in memory,
 * and written with one bulk write when the batch's last event has been handled, before Axon stores the processor's
 * token ({@link FlushAtBatchEnd}).
 */
final class PendingBatch<T extends Versioned> {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final FoldingProjection<T> projection;
    private final MongoTemplate mongo;
    private final Class<T> type;
    final boolean immediate;
    final Map<String, T> documents = new LinkedHashMap<>();
    final Map<String, T> loaded = new HashMap<>();
    final Object extra;
    final String collection;
    final int generation;
    final ReadModels.State state;
    long last = -1;
    boolean flushed;

    PendingBatch(FoldingProjection<T> projection, boolean immediate, boolean late, List<?> messages) {
        this.projection = projection;
        this.mongo = projection.mongo;
        this.type = projection.type();
        this.immediate = immediate;
        this.state = projection.readModels().state(projection.name());
        String suffix = state.writingSuffix();
        this.generation = state.writingGeneration();
        this.collection = mongo.getCollectionName(type) + suffix;
        this.extra = late ? projection.startLateBatch(suffix) : projection.startBatch(suffix);
        List<String> ids = new ArrayList<>();
        for (Object message : messages) {
            // Filings too: after a crash a batch can be delivered again, and its documents already exist.
            if (message instanceof DomainEventMessage<?> domain && projection.canHandleType(domain.getPayloadType())) {
                ids.add(domain.getAggregateIdentifier());
            }
        }
        if (!ids.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(ids)), type, collection).forEach(d -> loaded.put(idOf(d), d));
        }
    }

    T load(String id) {
        return immediate ? mongo.findById(id, type, collection) : loaded.get(id);
    }

    void flushOnce(Object ignored) {
        if (!flushed) flush();
    }

    /** The batch's own write (the counters), then its documents', then what follows them (the list index). */
    void flush() {
        flushed = true;
        projection.flush(extra).run();
        List<WriteModel<Document>> writes = converted();
        if (!writes.isEmpty()) mongo.getCollection(collection).bulkWrite(writes);
        if (!documents.isEmpty()) projection.written(documents.values(), generation).run();
        switchIfRebuilt();
        ReadModelChanges.happened();
        if (immediate) documents.clear();
    }

    /**
     * A rebuild is done when its generation holds every event up to the head it started at: from then on it
     * answers. Decided here, by the writer, after the write: only it knows that the documents are there. When the
     * last events before that head belong to other read models, {@link RebuildSwitch} decides instead.
     */
    private void switchIfRebuilt() {
        if (state.building() == null || generation != state.building() || last < state.target()) return;
        projection.switchTo(state, last);
    }

    private List<WriteModel<Document>> converted() {
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
        for (T document : documents.values()) {
            Document bson = projection.toDocument(document);
            writes.add(new ReplaceOneModel<>(new Document("_id", bson.get("_id")), bson, UPSERT));
        }
        return writes;
    }

    private String idOf(T document) {
        return String.valueOf(mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type)
                .getIdentifierAccessor(document).getIdentifier());
    }
}
