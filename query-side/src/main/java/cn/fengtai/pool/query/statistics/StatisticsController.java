package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.reference.ReferenceCodes;
import cn.fengtai.pool.query.appeal.AppealTrends;
import cn.fengtai.pool.query.appeal.AppealVolumeProjection;
import cn.fengtai.pool.query.appeal.AppealVolumeView;
import cn.fengtai.pool.query.appeal.Period;
import cn.fengtai.pool.query.project.Counters;
import cn.fengtai.pool.query.project.LiveCounters;
import cn.fengtai.pool.query.project.ProjectProjection;
import cn.fengtai.pool.query.readmodel.ReadModels;
import cn.fengtai.pool.query.web.Tables;
import cn.fengtai.pool.query.web.NotFound;
import cn.fengtai.pool.query.web.Params;
import org.springframework.http.ResponseEntity;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The district's figures: district totals, per batch, per street, and appeal trends. */
@RestController
@RequestMapping("/api/statistics")
class StatisticsController {

    private final MongoTemplate mongo;
    private final ReadModels readModels;
    private final PastPool past;
    private final LiveCounters live;
    private final ProjectFigures figures;

    StatisticsController(MongoTemplate mongo, ReadModels readModels, PastPool past, LiveCounters live,
                         ProjectFigures figures) {
        this.figures = figures;
        this.live = live;
        this.mongo = mongo;
        this.readModels = readModels;
        this.past = past;
    }

    @GetMapping("/district")
    PoolStatistics.District district(@RequestParam(required = false) String asOf) {
        Instant at = StatisticsQuery.asOf(asOf);
        return PoolStatistics.district(counters(at), figures.overdue(at));
    }

    @GetMapping("/batches/{id}")
    PoolStatistics.BatchFigures batch(@PathVariable String id, @RequestParam(required = false) String asOf) {
        Instant at = StatisticsQuery.asOf(asOf);
        String batch = StatisticsQuery.batch("id", id, at, past);
        return PoolStatistics.batch(batch, counters(at), figures.overdue(at), figures.impact(batch, at));
    }

    /** One row per street office, as API.md has it (optionally for one batch). */
    @GetMapping("/streets")
    List<PoolStatistics.Street> streets(@RequestParam(required = false) String batch, @RequestParam(required = false) String asOf) {
        Instant at = StatisticsQuery.asOf(asOf);
        String b = batch == null ? null : StatisticsQuery.batch("batch", batch, at, past);
        return PoolStatistics.streets(b, counters(at), figures.overdue(at));
    }

    @GetMapping("/streets/{code}")
    PoolStatistics.Street street(@PathVariable String code, @RequestParam(required = false) String batch,
                                 @RequestParam(required = false) String asOf) {
        if (!ReferenceCodes.isStreet(code)) throw new NotFound("no street office has the code '" + Params.code("code", code) + "'");
        Instant at = StatisticsQuery.asOf(asOf);
        String b = batch == null ? null : StatisticsQuery.batch("batch", batch, at, past);
        return PoolStatistics.street(code, b, counters(at), figures.overdue(at));
    }

    @GetMapping(value = "/streets", produces = {Tables.CSV, Tables.XLSX})
    ResponseEntity<byte[]> streetsCsv(@RequestParam(required = false) String batch, @RequestParam(required = false) String asOf) {
        return streetTable("streets" + (batch == null ? "" : "-" + batch), streets(batch, asOf));
    }

    @GetMapping(value = "/streets/{code}", produces = {Tables.CSV, Tables.XLSX})
    ResponseEntity<byte[]> streetCsv(@PathVariable String code, @RequestParam(required = false) String batch,
                                     @RequestParam(required = false) String asOf) {
        return streetTable("street-" + code + (batch == null ? "" : "-" + batch), List.of(street(code, batch, asOf)));
    }

    private static ResponseEntity<byte[]> streetTable(String name, List<PoolStatistics.Street> streets) {
        List<String> header = new ArrayList<>(List.of("street", "name", "filed", "listed", "completed", "completionRate", "fundedAmount", "overdue"));
        for (Category category : Category.values()) {
            header.add(category + " listed");
            header.add(category + " completed");
        }
        List<List<?>> rows = streets.stream().<List<?>>map(r -> {
            List<Object> row = new ArrayList<>(java.util.Arrays.asList(r.street(), r.name(), r.filed(), r.listed(), r.completed(),
                    r.completionRate(), r.fundedAmount(), r.overdue()));
            r.byCategory().values().forEach(t -> {
                row.add(t.listed());
                row.add(t.completed());
            });
            return row;
        }).toList();
        return Tables.of(name, header, rows);
    }

    @GetMapping(value = "/batches/{id}", produces = {Tables.CSV, Tables.XLSX})
    ResponseEntity<byte[]> batchCsv(@PathVariable String id, @RequestParam(required = false) String asOf) {
        PoolStatistics.BatchFigures b = batch(id, asOf);
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("listed", b.listed()));
        rows.add(List.of("completed", b.completed()));
        rows.add(java.util.Arrays.asList("completionRate", b.completionRate()));
        rows.add(List.of("carriedOverIn", b.carriedOverIn()));
        rows.add(List.of("carriedOverOut", b.carriedOverOut()));
        rows.add(List.of("streetsAllCompleted", b.streetsAllCompleted()));
        rows.add(List.of("overdue", b.overdue()));
        b.impact().forEach((verdict, n) -> rows.add(List.of("impact " + verdict, n)));
        b.byCategory().forEach((category, tally) -> {
            rows.add(List.of(category + " listed", tally.listed()));
            rows.add(List.of(category + " completed", tally.completed()));
        });
        b.completedByIssueType().forEach((type, n) -> rows.add(List.of(type + " completed", n)));
        return Tables.of("batch-" + b.batch(), List.of("figure", "value"), rows);
    }

    @GetMapping(value = "/district", produces = {Tables.CSV, Tables.XLSX})
    ResponseEntity<byte[]> districtCsv(@RequestParam(required = false) String asOf) {
        PoolStatistics.District d = district(asOf);
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("projects", d.projects()));
        rows.add(List.of("listed", d.listed()));
        rows.add(List.of("overdue", d.overdue()));
        d.byStatus().forEach((status, n) -> rows.add(List.of(status.name(), n)));
        d.byCategory().forEach((category, n) -> rows.add(List.of(category.name(), n)));
        return Tables.of("district", List.of("figure", "value"), rows);
    }

    @GetMapping(value = "/appeals", produces = {Tables.CSV, Tables.XLSX})
    ResponseEntity<byte[]> appealsCsv(@RequestParam(required = false) String period, @RequestParam(required = false) String street,
                                      @RequestParam(required = false) String issueType, @RequestParam(required = false) String asOf) {
        AppealTrends.AppealsAnswer answer = appeals(period, street, issueType, asOf);
        List<List<?>> rows = answer.rows().stream().<List<?>>map(r -> java.util.Arrays.asList(r.street(), r.issueType(),
                r.period(), r.count(), r.previousCount(), r.change(), r.months(), r.recordedMonths(),
                r.previousRecordedMonths())).toList();
        return Tables.of("appeals-" + period, List.of("street", "issueType", "period", "count", "previousCount",
                "change", "months", "recordedMonths", "previousRecordedMonths"), rows);
    }

    @GetMapping("/appeals")
    AppealTrends.AppealsAnswer appeals(@RequestParam(required = false) String period,
                                @RequestParam(required = false) String street,
                                @RequestParam(required = false) String issueType,
                                @RequestParam(required = false) String asOf) {
        Period p = StatisticsQuery.period(period);
        String s = street == null ? null : Params.code("street", street);
        String t = issueType == null ? null : Params.code("issueType", issueType);
        Instant at = StatisticsQuery.asOf(asOf);
        if (at != null) {
            List<AppealTrends.Volume> volumes = past.volumesAt(at).stream()
                    .filter(v -> (s == null || s.equals(v.street())) && (t == null || t.equals(v.issueType()))).toList();
            return AppealTrends.of(p, volumes);
        }
        List<String> months = new ArrayList<>(p.monthCodes());
        months.addAll(p.yearBefore().monthCodes());
        Criteria criteria = Criteria.where("month").in(months);
        if (s != null) criteria.and("street").is(s);
        if (t != null) criteria.and("issueType").is(t);
        List<AppealTrends.Volume> volumes = mongo.find(Query.query(criteria), AppealVolumeView.class, readModels.active(AppealVolumeProjection.NAME, AppealVolumeView.class)).stream()
                .map(v -> new AppealTrends.Volume(v.street(), v.issueType(), v.month(), v.count())).toList();
        return AppealTrends.of(p, volumes);
    }

    /** The counters now (kept by the projects projection) or, at an instant, as they stood then. */
    private Counters counters(Instant at) {
        if (at != null) return past.countersAt(at);
        String suffix = readModels.answering(ProjectProjection.NAME).activeSuffix();
        return live.of(suffix).orElseGet(() -> ProjectProjection.load(mongo, suffix).counters);
    }
}
