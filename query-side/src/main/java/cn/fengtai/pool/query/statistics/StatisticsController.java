package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.events.reference.ReferenceCodes;
import cn.fengtai.pool.query.appeal.AppealTrends;
import cn.fengtai.pool.query.appeal.AppealVolumeView;
import cn.fengtai.pool.query.appeal.Period;
import cn.fengtai.pool.query.batch.BatchView;
import cn.fengtai.pool.query.project.ProjectView;
import cn.fengtai.pool.query.web.BadQuery;
import cn.fengtai.pool.query.web.NotFound;
import cn.fengtai.pool.query.web.Params;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.*;

import java.util.ArrayList;
import java.util.List;

/** The district's figures: district totals, per batch, per street, and appeal trends. */
@RestController
@RequestMapping("/api/statistics")
class StatisticsController {

    private final MongoTemplate mongo;

    StatisticsController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/district")
    PoolStatistics.District district() {
        return PoolStatistics.district(projects());
    }

    @GetMapping("/batches/{id}")
    PoolStatistics.Batch batch(@PathVariable String id) {
        String batch = requireBatch(Params.code("id", id));
        return PoolStatistics.batch(batch, projects());
    }

    record Streets(String batch, List<PoolStatistics.Street> rows) {
    }

    @GetMapping("/streets")
    Streets streets(@RequestParam(required = false) String batch) {
        String b = batch == null ? null : requireBatch(Params.code("batch", batch));
        return new Streets(b, PoolStatistics.streets(b, projects()));
    }

    @GetMapping("/streets/{code}")
    PoolStatistics.Street street(@PathVariable String code, @RequestParam(required = false) String batch) {
        if (!ReferenceCodes.isStreet(code)) throw new NotFound("no street office has the code '" + Params.code("code", code) + "'");
        String b = batch == null ? null : requireBatch(Params.code("batch", batch));
        return PoolStatistics.street(code, b, projects());
    }

    @GetMapping("/appeals")
    AppealTrends.Answer appeals(@RequestParam(required = false) String period,
                                @RequestParam(required = false) String street,
                                @RequestParam(required = false) String issueType) {
        Period p;
        try {
            p = Period.parse(period);
        } catch (IllegalArgumentException e) {
            throw new BadQuery("period", e.getMessage());
        }
        List<String> months = new ArrayList<>(p.monthCodes());
        months.addAll(p.yearBefore().monthCodes());
        Criteria criteria = Criteria.where("month").in(months);
        if (street != null) criteria.and("street").is(Params.code("street", street));
        if (issueType != null) criteria.and("issueType").is(Params.code("issueType", issueType));
        List<AppealTrends.Volume> volumes = mongo.find(Query.query(criteria), AppealVolumeView.class).stream()
                .map(v -> new AppealTrends.Volume(v.street(), v.issueType(), v.month(), v.count())).toList();
        return AppealTrends.of(p, volumes);
    }

    private List<ProjectView> projects() {
        return mongo.findAll(ProjectView.class);
    }

    private String requireBatch(String id) {
        if (mongo.findById(id, BatchView.class) == null) throw new NotFound("no batch has the id '" + id + "'");
        return id;
    }
}
