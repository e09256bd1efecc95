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
 * One batch of a {@link FoldingProjection}: the documents its events touch, read with one query (or taken from what
 * the last batch of the same run wrote), folded in memory, and written with one bulk write at the batch's end, in
 * place or behind the next batch ({@link WriteBehind}).
 */
final class PendingBatch<T extends Versioned> {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    /** What a batch leaves the next one of the same run: the documents as it wrote them, and its own state. */
    record Carried<T>(long run, String collection, Map<String, T> documents, Object batch) {
    }

    private final FoldingProjection<T> projection;
    private final MongoTemplate mongo;
    private final Class<T> type;
    private final TokensAfterWrites tokens;
    final boolean immediate;
    final int events;
    final WriteBehind behind;
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
        this.tokens = projection.tokens();
        this.immediate = immediate;
        this.events = messages.size();
        this.behind = immediate || tokens == null ? null : tokens.of(projection.name());
        this.state = projection.readModels().state(projection.name());
        String suffix = state.writingSuffix();
        this.generation = state.writingGeneration();
        this.collection = mongo.getCollectionName(type) + suffix;
        Carried<T> last = projection.takeCarried();
        boolean goesOn = last != null && behind != null && last.run() == behind.run() && last.collection().equals(collection);
        // Whatever is read back must include every write: only documents not written by the last batch are read.
        if (!goesOn && behind != null) behind.awaitWritten();
        this.extra = goesOn ? last.batch() : late ? projection.startLateBatch(suffix) : projection.startBatch(suffix);
        List<String> ids = new ArrayList<>();
        for (Object message : messages) {
            // Filings too: after a crash a batch can be delivered again, and its documents already exist.
            if (message instanceof DomainEventMessage<?> domain && projection.canHandleType(domain.getPayloadType())) {
                String id = domain.getAggregateIdentifier();
                T kept = goesOn ? last.documents().get(id) : null;
                if (kept != null) loaded.put(id, kept);
                else ids.add(id);
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

    /**
     * Takes the batch's writes now and does them, in place or, for a full batch, behind while the next batch
     * folds; either way after the last batch's write, and the token follows ({@link TokensAfterWrites}).
     */
    void flush() {
        flushed = true;
        Runnable own = projection.flush(extra);
        List<WriteModel<Document>> writes = converted();
        Runnable after = documents.isEmpty() ? () -> { } : projection.written(documents.values(), generation);
        Runnable write = () -> {
            own.run();
            if (!writes.isEmpty()) mongo.getCollection(collection).bulkWrite(writes);
            after.run();
            switchIfRebuilt();
        };
        if (behind == null) {
            write.run();
            if (immediate) documents.clear();
            return;
        }
        if (tokens.full(events)) {
            behind.submit(write);
        } else {
            behind.awaitWritten();
            write.run();
        }
        // The batch is over (FlushAtBatchEnd runs after its last event): its map is handed on, not copied.
        projection.carry(new Carried<>(behind.run(), collection, documents, extra));
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
