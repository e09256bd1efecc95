package cn.fengtai.pool.query.project;

import cn.fengtai.pool.wiring.PoolProperties;
import cn.fengtai.pool.events.project.ProjectFiled;
import cn.fengtai.pool.query.readmodel.FoldingProjection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code projects} collection, one {@link ProjectView} per project, and beside it the pool's
 * {@link Counters} (collection {@code statistics}), so that no statistics request has to count projects.
 * <p>
 * The counters and the views are two writes, and MongoDB (as embedded here) has no transaction over both. The counters
 * are written first and remember the last position they count ({@code position}); when a batch is retried after a
 * crash between the two writes, its events up to that position still fold into the views but are not counted again.
 * The other way round (views first) a retry would find the views already folded and the counts would be lost.
 * <p>
 * At least {@code pool.statistics.checkpoint-every} positions of the store apart, a copy of the counters is kept
 * ({@link StatisticsCheckpoints}): the statistics at a past instant start from it.
 */
@Component
@ProcessingGroup(ProjectProjection.NAME)
public class ProjectProjection extends FoldingProjection<ProjectView> {

    public static final String NAME = "projects";
    public static final String STATISTICS = "statistics";
    static final String POOL = "pool";
    /** The package of the events this read model folds. */
    public static final String EVENTS = ProjectFiled.class.getPackageName();

    private final ProjectListIndex index;
    private final LiveCounters live;
    private final long checkpointEvery;
    private int maxCheckpoints = 1_000;

    public ProjectProjection(MongoTemplate mongo) {
        this(mongo, null, null, 5_000);
    }

    @Autowired
    public ProjectProjection(MongoTemplate mongo, ProjectListIndex index, LiveCounters live, PoolProperties pool) {
        this(mongo, index, live, pool.statistics().checkpointEvery());
        this.maxCheckpoints = pool.statistics().maxCheckpoints();
    }

    ProjectProjection(MongoTemplate mongo, ProjectListIndex index, LiveCounters live, long checkpointEvery) {
        super(mongo, ProjectView.class, EVENTS, ProjectView::new, ProjectView::apply);
        this.index = index;
        this.live = live;
        this.checkpointEvery = checkpointEvery;
    }

    /** The counters of one generation, and the position they count up to (-1 before the first event). */
    public static Counted load(MongoTemplate mongo, String suffix) {
        Document stored = mongo.getCollection(STATISTICS + suffix).find(Filters.eq("_id", POOL)).first();
        Counted counted = new Counted(Counters.fromDocument(stored),
                stored == null ? -1 : stored.get("position", Number.class).longValue(), suffix);
        if (stored != null && stored.containsKey("checkpointed")) {
            counted.checkpointed = stored.get("checkpointed", Number.class).longValue();
            counted.maxTimestamp = instant(stored.getDate("maxTimestamp"));
            counted.minTimestamp = instant(stored.getDate("minTimestamp"));
        } else if (stored != null) {
            // Counters kept before copies were: the times of the events they count are unknown. The first copy must
            // then claim the widest span, so that no past instant starts from it or skips what it counts.
            counted.maxTimestamp = Instant.now();
            counted.minTimestamp = Instant.EPOCH;
        }
        return counted;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static final class Counted {
        public final Counters counters;
        private long stored;
        private long position;

        private final String suffix;
        /** Whether the batch's events come after the counters' position in time but before it in the store. */
        private boolean late;
        /** The position of the last copy, the latest recorded time counted, the earliest one since the last copy. */
        private long checkpointed = -1;
        private Instant maxTimestamp;
        private Instant minTimestamp;
        /**
         * The contribution each project had before its first counted event since the counters last took the
         * projects' changes in, by view (a batch folds one view per project): the counters take a project's change
         * once per batch, not once per event.
         */
        private final Map<ProjectView, Counters.Contribution> unsettled = new IdentityHashMap<>();
        /** The copies taken in this batch, written before the counters. */
        private final List<Document> copies = new ArrayList<>();

        Counted(Counters counters, long position, String suffix) {
            this.counters = counters;
            this.suffix = suffix;
            this.stored = position;
            this.position = position;
        }

        public long position() {
            return position;
        }
    }

    @Override
    protected Object startBatch(String suffix) {
        return load(mongo, suffix);
    }

    /** Retried events count although the counters are past their position: the views say whether they were applied. */
    @Override
    protected Object startLateBatch(String suffix) {
        Counted counted = load(mongo, suffix);
        counted.late = true;
        return counted;
    }

    @Override
    protected void beforeFold(ProjectView document, long position, Object batch) {
        Counted counted = (Counted) batch;
        if ((position > counted.stored || counted.late) && !counted.unsettled.containsKey(document)) {
            counted.unsettled.put(document, Counters.Contribution.of(document));
        }
    }

    /** Moves the projects folded since the last time from their contribution then to the one they have now. */
    private static void settle(Counted counted) {
        counted.unsettled.forEach((view, before) -> {
            Counters.Contribution after = Counters.Contribution.of(view);
            if (!Objects.equals(before, after)) {
                counted.counters.remove(before);
                counted.counters.add(after);
            }
        });
        counted.unsettled.clear();
    }

    @Override
    protected void afterFold(ProjectView document, long position, Object batch) {
        Counted counted = (Counted) batch;
        if (position > counted.stored) {
            counted.position = Math.max(counted.position, position);
            Instant recorded = document.updatedAt();
            if (counted.maxTimestamp == null || recorded.isAfter(counted.maxTimestamp)) counted.maxTimestamp = recorded;
            if (counted.minTimestamp == null || recorded.isBefore(counted.minTimestamp)) counted.minTimestamp = recorded;
            if (counted.position - counted.checkpointed >= checkpointEvery) {
                // Taken here, not when the batch is written: a batch can hold many more events than the interval.
                settle(counted);
                counted.copies.add(StatisticsCheckpoints.copy(counted.counters, counted.position, counted.maxTimestamp,
                        counted.minTimestamp));
                counted.checkpointed = counted.position;
                counted.minTimestamp = null;
            }
        }
    }

    @Override
    protected Runnable flush(Object batch) {
        Counted counted = (Counted) batch;
        settle(counted);
        if (counted.position == counted.stored && !counted.late) return () -> { };
        List<Document> copies = List.copyOf(counted.copies);
        Document stored = counted.counters.toDocument().append("_id", POOL).append("position", counted.position)
                .append("checkpointed", counted.checkpointed).append("maxTimestamp", date(counted.maxTimestamp))
                .append("minTimestamp", date(counted.minTimestamp));
        Counters written = counted.counters.copy();
        String suffix = counted.suffix;
        // The next batch of the same run goes on from what is written here, as if it had read it back.
        counted.copies.clear();
        counted.stored = counted.position;
        return () -> {
            // Before the counters: a crash in between recounts the batch and takes the same copies again.
            copies.forEach(copy -> StatisticsCheckpoints.write(mongo, suffix, copy));
            if (!copies.isEmpty()) StatisticsCheckpoints.thin(mongo, suffix, maxCheckpoints);
            mongo.getCollection(STATISTICS + suffix).replaceOne(Filters.eq("_id", POOL), stored,
                    new ReplaceOptions().upsert(true));
            if (live != null) live.written(suffix, written);
        };
    }

    @Override
    protected Runnable written(Collection<ProjectView> documents, int generation) {
        if (index == null) return () -> { };
        return index.written(documents, generation);
    }

    /**
     * 2: each project keeps what each fund allocated to it ({@link ProjectView#fundings}); 3: and the office's number
     * of it on its list ({@link ProjectView#officeRef}).
     */
    @Override
    public int shape() {
        return 3;
    }

    @Override
    protected List<String> otherCollections(String suffix) {
        return List.of(STATISTICS + suffix, StatisticsCheckpoints.COLLECTION + suffix);
    }
}
