package cn.fengtai.pool.query.readmodel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Which generation of each read model answers queries, and which one a rebuild is writing. A read model's
 * collections carry its generation's suffix ({@code projects}, then {@code projects_g2}, ...); a rebuild writes a new
 * generation from the first event while queries keep reading the old one, and when the rebuild has reached the head
 * the new generation becomes the one that answers, in one write of the {@code read_models} document; the old
 * collections are dropped at the next start. The state is in MongoDB, so a restart in the middle carries on writing the same new
 * generation, and every query-side instance switches at the same write (within {@link #ANSWERING_MAX_AGE_NANOS}).
 */
@Component
public class ReadModels {

    static final String COLLECTION = "read_models";

    /** {@code building} is null when no rebuild runs; {@code target} is the head position the rebuild must reach. */
    public record State(String name, int active, Integer building, long target) {

        public String activeSuffix() {
            return suffix(active);
        }

        public String writingSuffix() {
            return suffix(writingGeneration());
        }

        public int writingGeneration() {
            return building != null ? building : active;
        }

        public static String suffix(int generation) {
            return generation <= 1 ? "" : "_g" + generation;
        }
    }

    /**
     * How old the state that queries go by may be: reading it on every request would add a round trip to every query,
     * to a server that stalls after a rebuild. A switch made here is seen here at once; one made by another instance, at most this late,
     * while the old generation is still there (it is dropped only at a later start).
     */
    static final long ANSWERING_MAX_AGE_NANOS = 1_000_000_000L;

    private record Read(State state, long at) {
    }

    private final MongoTemplate mongo;
    private final LongSupplier nanoTime;
    private final Map<String, Read> answering = new ConcurrentHashMap<>();
    /** Counts the changes made here, so that a state read before one is not kept after it. */
    private final AtomicLong changes = new AtomicLong();

    @Autowired
    public ReadModels(MongoTemplate mongo) {
        this(mongo, System::nanoTime);
    }

    ReadModels(MongoTemplate mongo, LongSupplier nanoTime) {
        this.mongo = mongo;
        this.nanoTime = nanoTime;
    }

    /** The state as stored now: for whatever writes or switches generations. */
    public State state(String name) {
        Document stored = mongo.getCollection(COLLECTION).find(Filters.eq("_id", name)).first();
        if (stored == null) return new State(name, 1, null, -1);
        Number target = stored.get("target", Number.class);
        // A read model that only recorded its shape so far ({@link #recordShape}) is generation 1.
        return new State(name, stored.getInteger("active", 1), stored.getInteger("building"),
                target == null ? -1 : target.longValue());
    }

    /** The state that queries go by: as stored at most {@link #ANSWERING_MAX_AGE_NANOS} ago. */
    public State answering(String name) {
        long now = nanoTime.getAsLong();
        Read read = answering.get(name);
        if (read == null || now - read.at() > ANSWERING_MAX_AGE_NANOS) {
            long before = changes.get();
            Read fresh = new Read(state(name), now);
            // Kept only if nothing changed here meanwhile; changed() removes after counting, so never a stale one.
            answering.compute(name, (key, held) -> changes.get() == before ? fresh : held);
            read = fresh;
        }
        return read.state();
    }

    /** The collection that answers queries for {@code base} (a collection of read model {@code name}). */
    public String active(String name, String base) {
        return base + answering(name).activeSuffix();
    }

    /** The collection that answers queries for documents of {@code type} of read model {@code name}. */
    public String active(String name, Class<?> type) {
        return active(name, mongo.getCollectionName(type));
    }

    public String writing(String name, String base) {
        return base + state(name).writingSuffix();
    }

    /** Starts writing a new generation; the current one keeps answering. */
    public State startRebuild(String name, long target) {
        return startRebuild(name, target, null);
    }

    /** As {@link #startRebuild(String, long)}; the new generation's documents have that shape ({@link #shape}). */
    public State startRebuild(String name, long target, Integer shape) {
        State now = state(name);
        int next = Math.max(now.active(), now.building() == null ? 0 : now.building()) + 1;
        State started = new State(name, now.active(), next, target);
        save(started);
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", name), Updates.set("buildingShape", shape));
        return started;
    }

    /**
     * The shape of the documents of the generation that answers ({@code FoldingProjection#shape}), or null when none
     * was recorded (read models written before shapes were).
     */
    public Integer shape(String name) {
        Document stored = mongo.getCollection(COLLECTION).find(Filters.eq("_id", name)).first();
        return stored == null ? null : stored.getInteger("shape");
    }

    /** The shape of the generation being built, or null. */
    public Integer buildingShape(String name) {
        Document stored = mongo.getCollection(COLLECTION).find(Filters.eq("_id", name)).first();
        return stored == null ? null : stored.getInteger("buildingShape");
    }

    /** Records the shape of the documents of the generation that answers (a new, empty read model's). */
    public void recordShape(String name, int shape) {
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", name), Updates.set("shape", shape),
                new UpdateOptions().upsert(true));
    }

    /**
     * Generation {@code generation} answers from now on, if it is still the one being built: one conditional write,
     * so a late switch of an abandoned rebuild changes nothing. The old generation's collections are only marked for
     * removal: they are dropped when the application next starts ({@link #dropRetired}). Dropping a large collection
     * while others are read made the embedded server's store fail reads ("Chunk ... not found", H2 MVStore), measured
     * in the benchmark.
     *
     * @return whether this call made the switch
     */
    public boolean finishRebuild(String name, int generation, List<String> oldCollections) {
        Integer shape = buildingShape(name);
        boolean switched = mongo.getCollection(COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", name), Filters.eq("building", generation)),
                Updates.combine(Updates.set("active", generation), Updates.set("building", null),
                        Updates.addEachToSet("retired", oldCollections))).getModifiedCount() > 0;
        if (switched && shape != null) {
            mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", name),
                    Updates.combine(Updates.set("shape", shape), Updates.unset("buildingShape")));
        }
        changed(name);
        ReadModelChanges.happened();
        return switched;
    }

    /** Drops the collections of replaced generations; runs before the processors and the web server start. */
    @PostConstruct
    void dropRetired() {
        for (Document model : mongo.getCollection(COLLECTION).find()) {
            List<String> retired = model.getList("retired", String.class, List.of());
            retired.stream().filter(mongo::collectionExists).forEach(mongo::dropCollection);
            if (!retired.isEmpty()) {
                mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", model.get("_id")), Updates.unset("retired"));
            }
        }
    }

    /** Whether the collection holds any document. */
    public boolean hasDocuments(String collection) {
        return mongo.collectionExists(collection) && mongo.getCollection(collection).find().limit(1).first() != null;
    }

    /** Drops a collection if it exists (the embedded server logs an error for a missing one). */
    public void drop(String collection) {
        if (mongo.collectionExists(collection)) mongo.dropCollection(collection);
    }

    private void save(State state) {
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", state.name()), Updates.combine(
                Updates.set("active", state.active()), Updates.set("building", state.building()),
                Updates.set("target", state.target())), new UpdateOptions().upsert(true));
        changed(state.name());
    }

    private void changed(String name) {
        changes.incrementAndGet();
        answering.remove(name);
    }

    /** How far a processor's read model holds the events: its position, which moves after each batch's writes. */
    public static long position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1)).min().orElse(-1);
    }
}
