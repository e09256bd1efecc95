package cn.fengtai.pool.query.project;

import cn.fengtai.pool.query.readmodel.FoldingProjection;
import cn.fengtai.pool.query.readmodel.ReadModels;
import cn.fengtai.pool.query.statistics.Counters;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.bson.Document;

import java.util.Collection;
import java.util.List;
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
 */
@Component
@ProcessingGroup(ProjectProjection.NAME)
public class ProjectProjection extends FoldingProjection<ProjectView> {

    public static final String NAME = "projects";
    public static final String STATISTICS = "statistics";
    static final String POOL = "pool";

    private final ProjectListIndex index;

    public ProjectProjection(MongoTemplate mongo) {
        this(mongo, null);
    }

    @Autowired
    public ProjectProjection(MongoTemplate mongo, ProjectListIndex index) {
        super(mongo, ProjectView.class, "cn.fengtai.pool.events.project", ProjectView::new, ProjectView::apply);
        this.index = index;
    }

    /** The counters answering queries now. */
    public static Counted load(MongoTemplate mongo) {
        return load(mongo, new ReadModels(mongo).state(NAME).activeSuffix());
    }

    /** The counters of one generation, and the position they count up to (-1 before the first event). */
    static Counted load(MongoTemplate mongo, String suffix) {
        Document stored = mongo.getCollection(STATISTICS + suffix).find(Filters.eq("_id", POOL)).first();
        return new Counted(Counters.fromDocument(stored), stored == null ? -1 : stored.get("position", Number.class).longValue(),
                suffix);
    }

    public static final class Counted {
        public final Counters counters;
        private final long stored;
        private long position;

        private final String suffix;

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

    @Override
    protected void beforeFold(ProjectView document, long position, Object batch) {
        if (position > ((Counted) batch).stored) ((Counted) batch).counters.remove(document);
    }

    @Override
    protected void afterFold(ProjectView document, long position, Object batch) {
        Counted counted = (Counted) batch;
        if (position > counted.stored) {
            counted.counters.add(document);
            counted.position = Math.max(counted.position, position);
        }
    }

    @Override
    protected void flush(Object batch) {
        Counted counted = (Counted) batch;
        if (counted.position == counted.stored) return;
        mongo.getCollection(STATISTICS + counted.suffix).replaceOne(Filters.eq("_id", POOL),
                counted.counters.toDocument().append("_id", POOL).append("position", counted.position),
                new ReplaceOptions().upsert(true));
    }

    @Override
    protected void written(Collection<ProjectView> documents, int generation) {
        if (index != null) index.written(documents, generation);
    }

    @Override
    protected List<String> otherCollections(String suffix) {
        return List.of(STATISTICS + suffix);
    }
}
