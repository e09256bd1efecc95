package cn.fengtai.pool.query.appeal;

import cn.fengtai.pool.query.readmodel.ReadModels;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The recorded appeal counts, from the appeal volumes read model: as they are now, or as recorded by an instant. */
@Component
public class AppealVolumes {

    private final MongoTemplate mongo;
    private final ReadModels readModels;

    AppealVolumes(MongoTemplate mongo, ReadModels readModels) {
        this.mongo = mongo;
        this.readModels = readModels;
    }

    /** The counts of these keys ({@code street:issueType:YYYY-MM}) that are recorded; {@code at} null for now. */
    public Map<String, Integer> counts(Collection<String> keys, Instant at) {
        Map<String, Integer> counts = new HashMap<>();
        find(Criteria.where("_id").in(keys)).forEach(v -> {
            Integer count = at == null ? Integer.valueOf(v.count()) : v.countAt(at);
            if (count != null) counts.put(ProjectImpact.key(v.street(), v.issueType(), java.time.YearMonth.parse(v.month())), count);
        });
        return counts;
    }

    /** Every count recorded for these months; {@code at} null for now. */
    public List<AppealTrends.Volume> ofMonths(Collection<String> months, Instant at) {
        return find(Criteria.where("month").in(months)).stream().map(v -> {
            Integer count = at == null ? Integer.valueOf(v.count()) : v.countAt(at);
            return count == null ? null : new AppealTrends.Volume(v.street(), v.issueType(), v.month(), count);
        }).filter(Objects::nonNull).toList();
    }

    private List<AppealVolumeView> find(Criteria criteria) {
        return mongo.find(Query.query(criteria), AppealVolumeView.class,
                readModels.active(AppealVolumeProjection.NAME, AppealVolumeView.class));
    }
}
