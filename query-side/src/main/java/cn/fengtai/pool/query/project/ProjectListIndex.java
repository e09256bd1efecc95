package cn.fengtai.pool.query.project;

import cn.fengtai.pool.query.readmodel.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The fields project lists filter and sort on, for every project, in memory: the embedded MongoDB-compatible server
 * ignores secondary indexes (it logs "adding secondary index ... is not yet implemented") and answers every filtered
 * list by reading the whole collection, which at a hundred thousand projects takes seconds. MongoDB proper uses the
 * indexes {@code QueryConfiguration} declares.
 * <p>
 * It is kept by the projects projection after each write ({@link #written}), so it can answer only in the process
 * that runs that projection, and only once it has been loaded from the generation that answers queries; elsewhere,
 * before that, and while a reload after a rebuild runs, lists are asked of MongoDB as before. Entries keep the
 * version of their project, so a load and the projection's writes can meet in any order.
 */
@Component
public class ProjectListIndex {

    private static final Logger log = LoggerFactory.getLogger(ProjectListIndex.class);

    /** One project as lists see it. */
    public record Entry(String id, long version, String street, String category, String status, List<String> batches,
                        List<String> issueTypes, String title, Instant filedAt, LocalDate deadline, int progress,
                        Instant updatedAt) {

        static Entry of(ProjectView v) {
            return new Entry(v.id(), v.version(), v.street(), v.category(), v.status() == null ? null : v.status().name(),
                    List.copyOf(v.batches()), List.copyOf(v.issueTypes()), v.title(), v.filedAt(), v.deadline(),
                    v.progress(), v.updatedAt());
        }
    }

    /** The ids of one page, in order, and how many projects matched. */
    public record Page(List<String> ids, long total) {
    }

    private static final int LOAD_CHUNK = 2_000;

    private final MongoTemplate mongo;
    private final ReadModels readModels;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "project-list-index");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean loading = new AtomicBoolean();
    private volatile Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile int generation = -1;
    private volatile boolean loaded;

    public ProjectListIndex(MongoTemplate mongo, ReadModels readModels,
                            ObjectProvider<EventProcessingConfiguration> processing) {
        this.mongo = mongo;
        this.readModels = readModels;
        this.processing = processing;
    }

    /** The projection wrote these views into the given generation. */
    void written(Collection<ProjectView> views, int writtenGeneration) {
        if (writtenGeneration != generation) return;
        Map<String, Entry> current = entries;
        views.forEach(view -> merge(current, Entry.of(view)));
    }

    /** The page from memory, or empty when this process cannot answer from memory (yet). */
    public Optional<Page> page(Predicate<Entry> filter, Comparator<Entry> order, long skip, int limit) {
        int active = readModels.state(ProjectProjection.NAME).active();
        if (!projectionRunsHere()) return Optional.empty();
        if (active != generation || !loaded) {
            reload(active);
            return Optional.empty();
        }
        List<Entry> matching = entries.values().stream().filter(filter).toList();
        List<String> ids = matching.stream().sorted(order).skip(skip).limit(limit).map(Entry::id).toList();
        return Optional.of(new Page(ids, matching.size()));
    }

    private void reload(int active) {
        if (!loading.compareAndSet(false, true)) return;
        loaded = false;
        generation = active;
        entries = new ConcurrentHashMap<>();
        loader.execute(() -> {
            try {
                long start = System.nanoTime();
                Map<String, Entry> target = entries;
                String collection = readModels.active(ProjectProjection.NAME, ProjectView.class);
                // The ids first, then the projects by id a few thousand at a time: the embedded server answers a
                // query in one reply, and one reply of every project outgrows the driver's 48 MB limit.
                Query ids = new Query();
                ids.fields().include("_id");
                List<String> all = mongo.find(ids, org.bson.Document.class, collection).stream()
                        .map(d -> d.getString("_id")).toList();
                for (int from = 0; from < all.size(); from += LOAD_CHUNK) {
                    List<String> chunk = all.subList(from, Math.min(all.size(), from + LOAD_CHUNK));
                    mongo.find(Query.query(Criteria.where("_id").in(chunk)), ProjectView.class, collection)
                            .forEach(view -> merge(target, Entry.of(view)));
                }
                loaded = generation == active;
                log.info("project list index loaded: {} projects of generation {} in {} ms", target.size(), active,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("project list index not loaded; lists are asked of MongoDB", e);
                generation = -1;
            } finally {
                loading.set(false);
            }
        });
    }

    private boolean projectionRunsHere() {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) return false;
        return configuration.eventProcessor(ProjectProjection.NAME, StreamingEventProcessor.class)
                .map(p -> p.isRunning() && !p.processingStatus().isEmpty()).orElse(false);
    }

    private static void merge(Map<String, Entry> entries, Entry entry) {
        entries.merge(entry.id(), entry, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }
}
