package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.wiring.PoolProperties;
import org.springframework.beans.factory.annotation.Autowired;
import cn.fengtai.pool.query.readmodel.ReadModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The fields project lists filter and sort on, for every project, in memory: the embedded MongoDB-compatible server
 * ignores secondary indexes (it logs "adding secondary index ... is not yet implemented") and answers every filtered
 * list by reading the whole collection, which at a hundred thousand projects takes seconds. MongoDB proper uses the
 * indexes {@code QueryConfiguration} declares.
 * <p>
 * It is kept by the projects projection after each write ({@link #written}), so it can answer only in the process
 * that runs that projection. It is loaded as soon as that projection runs, and again when a rebuilt generation starts
 * answering; a list asked for while it loads waits for it on the embedded server (asking the server would read every
 * project, slower than the load) and is asked of MongoDB, with its indexes, elsewhere. Entries keep the version of
 * their project, so a load and the projection's writes can meet in any order.
 */
@Component
public class ProjectListIndex {

    private static final Logger log = LoggerFactory.getLogger(ProjectListIndex.class);

    /** One project as lists see it. */
    public record Entry(String id, long version, String street, String category, String status, List<String> batches,
                        String currentBatch, List<String> issueTypes, String title, Instant filedAt, LocalDate deadline,
                        int progress, Instant updatedAt) {

        static Entry of(ProjectView v) {
            return new Entry(v.id(), v.version(), v.street(), v.category(), v.status() == null ? null : v.status().name(),
                    Collections.unmodifiableList(new ArrayList<>(v.batches())), v.currentBatch(),
                    Collections.unmodifiableList(new ArrayList<>(v.issueTypes())), v.title(), v.filedAt(), v.deadline(),
                    v.progress(), v.updatedAt());
        }

        /** {@link ProjectView#overdue}, from the entry. */
        public boolean overdue(LocalDate today) {
            return ProjectView.overdue(deadline, status == null ? null : ProjectStatus.valueOf(status), today);
        }
    }

    /** The ids of one page, in order, and how many projects matched. */
    public record Page(List<String> ids, long total) {
    }

    private static final int LOAD_CHUNK = 2_000;

    private final MongoTemplate mongo;
    private final ReadModels readModels;
    private final ProjectsProcessor projects;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "project-list-index");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean loading = new AtomicBoolean();
    private volatile Entries entries = new Entries();
    private final ShownViews shown = new ShownViews();
    private volatile int generation = -1;
    private volatile boolean loaded;

    private final long waitForLoadMillis;

    @Autowired
    public ProjectListIndex(MongoTemplate mongo, ReadModels readModels, ProjectsProcessor projects, PoolProperties pool) {
        this(mongo, readModels, projects, pool.embeddedMongo());
    }

    ProjectListIndex(MongoTemplate mongo, ReadModels readModels, ProjectsProcessor projects, boolean embeddedServer) {
        this.mongo = mongo;
        this.readModels = readModels;
        this.projects = projects;
        this.waitForLoadMillis = embeddedServer ? 20_000 : 0;
    }

    /** Loads the index once the projects projection runs here, and again when another generation answers. */
    @Scheduled(fixedDelay = 1_000)
    void keepLoaded() {
        if (!projects.runsHere()) return;
        int active = readModels.answering(ProjectProjection.NAME).active();
        if (active != generation || !loaded) reload(active);
    }

    /**
     * The projection is writing these views into the given generation: their entries are taken now, and go into the
     * index when the returned action runs, once the views are written.
     */
    Runnable written(Collection<ProjectView> views, int writtenGeneration) {
        List<Entry> written = views.stream().map(Entry::of).toList();
        return () -> {
            if (writtenGeneration != generation) return;
            Entries current = entries;
            written.forEach(current::merge);
        };
    }

    /** The views of a page the index answered, in its order ({@link ShownViews}). */
    public List<ProjectView> views(List<String> ids, Function<List<String>, Collection<ProjectView>> read) {
        return shown.of(ids, id -> {
            Entry entry = entries.all.get(id);
            return entry == null ? -1 : entry.version();
        }, read);
    }

    /**
     * The page from memory, or empty when this process cannot answer from memory (yet). With a street, only that
     * street's projects are looked at: a street office always asks for its own, and reading every entry of a hundred
     * thousand on each of 200 lists a second was more than two cores had.
     */
    public Optional<Page> page(String street, Predicate<Entry> filter, Comparator<Entry> order, long skip, int limit) {
        int active = readModels.answering(ProjectProjection.NAME).active();
        if (!projects.runsHere()) return Optional.empty();
        if (active != generation || !loaded) {
            reload(active);
            if (!awaitLoaded(active)) return Optional.empty();
        }
        return Optional.of(select(street, filter, order, skip, limit));
    }

    /**
     * Every project's entry, or empty when this process cannot answer from memory (yet): for figures counted over all
     * projects, which the embedded server could only answer by reading every project.
     */
    public Optional<Collection<Entry>> entries() {
        int active = readModels.answering(ProjectProjection.NAME).active();
        if (!projects.runsHere()) return Optional.empty();
        if (active != generation || !loaded) {
            reload(active);
            if (!awaitLoaded(active)) return Optional.empty();
        }
        return Optional.of(Collections.unmodifiableCollection(entries.all.values()));
    }

    /** The page from the entries held now (loaded or not). */
    Page select(String street, Predicate<Entry> filter, Comparator<Entry> order, long skip, int limit) {
        Collection<Entry> candidates = street == null ? entries.all.values()
                : entries.byStreet.getOrDefault(street, Map.of()).values();
        List<Entry> matching = candidates.stream().filter(filter).toList();
        return new Page(first(matching, order, skip + limit).stream().skip(skip).limit(limit).map(Entry::id).toList(),
                matching.size());
    }

    /** The first {@code count} entries in this order: a bounded heap, not a sort of every match, for early pages. */
    static List<Entry> first(List<Entry> entries, Comparator<Entry> order, long count) {
        if (count >= entries.size() / 4) return entries.stream().sorted(order).limit(count).toList();
        PriorityQueue<Entry> last = new PriorityQueue<>(order.reversed());
        for (Entry entry : entries) {
            last.add(entry);
            if (last.size() > count) last.poll();
        }
        List<Entry> first = new ArrayList<>(last);
        first.sort(order);
        return first;
    }

    private boolean awaitLoaded(int active) {
        long deadline = System.nanoTime() + waitForLoadMillis * 1_000_000;
        while (!(loaded && generation == active) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return loaded && generation == active;
    }

    private void reload(int active) {
        if (!loading.compareAndSet(false, true)) return;
        loaded = false;
        generation = active;
        entries = new Entries();
        shown.clear(); // they belong to the generation that answered before
        loader.execute(() -> {
            try {
                long start = System.nanoTime();
                Entries target = entries;
                String collection = readModels.active(ProjectProjection.NAME, ProjectView.class);
                // One pass over the collection, only the listed fields, a few thousand per reply: the embedded server
                // compares index keys by serializing them, which makes fetching by id slow, and one reply of every
                // whole project outgrows the driver's 48 MB limit.
                Query everyProject = new Query().cursorBatchSize(LOAD_CHUNK);
                everyProject.fields().include("street", "category", "status", "batches", "currentBatch", "issueTypes", "title",
                        "filedAt", "deadline", "progress", "version", "updatedAt");
                try (Stream<ProjectView> views = mongo.stream(everyProject, ProjectView.class, collection)) {
                    views.forEach(view -> target.merge(Entry.of(view)));
                }
                loaded = generation == active;
                log.info("project list index loaded: {} projects of generation {} in {} ms", target.all.size(), active,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("project list index not loaded; lists are asked of MongoDB", e);
                generation = -1;
            } finally {
                loading.set(false);
            }
        });
    }

    /** Every project's entry, and the same entries by street (a project's street never changes). */
    private static final class Entries {
        final Map<String, Entry> all = new ConcurrentHashMap<>();
        final Map<String, Map<String, Entry>> byStreet = new ConcurrentHashMap<>();

        void merge(Entry entry) {
            all.merge(entry.id(), entry, Entries::newer);
            if (entry.street() != null) {
                byStreet.computeIfAbsent(entry.street(), street -> new ConcurrentHashMap<>()).merge(entry.id(), entry, Entries::newer);
            }
        }

        private static Entry newer(Entry old, Entry fresh) {
            return fresh.version() >= old.version() ? fresh : old;
        }
    }
}
