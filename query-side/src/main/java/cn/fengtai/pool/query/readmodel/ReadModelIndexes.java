package cn.fengtai.pool.query.readmodel;

import jakarta.annotation.PostConstruct;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The secondary indexes of the read models (MongoDB proper uses them; the embedded server accepts and ignores them),
 * for every generation: the ones in use when the application starts, and each new one a rebuild starts.
 */
@Component
public class ReadModelIndexes {

    private static final Map<String, Map<String, List<String>>> INDEXES = Map.of(
            "projects", Map.of("projects", List.of("street", "status", "category", "batches", "issueTypes", "filedAt")),
            "appeal-volumes", Map.of("appeal_volumes", List.of("month")));

    private final MongoTemplate mongo;
    private final ReadModels readModels;

    public ReadModelIndexes(MongoTemplate mongo, ReadModels readModels) {
        this.mongo = mongo;
        this.readModels = readModels;
    }

    @PostConstruct
    void ensureInUse() {
        for (String name : INDEXES.keySet()) {
            ReadModels.State state = readModels.state(name);
            ensure(name, state.activeSuffix());
            if (state.building() != null) ensure(name, state.writingSuffix());
        }
    }

    /** Creates the indexes of read model {@code name} in its generation with this suffix. */
    public void ensure(String name, String suffix) {
        INDEXES.getOrDefault(name, Map.of()).forEach((base, fields) -> {
            var indexes = mongo.indexOps(base + suffix);
            fields.forEach(field -> indexes.createIndex(new Index().on(field, Sort.Direction.ASC)));
        });
    }
}
