package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.query.appeal.AppealTrends;
import cn.fengtai.pool.query.appeal.AppealVolumes;
import cn.fengtai.pool.query.appeal.Period;
import cn.fengtai.pool.query.fund.FundProjection;
import cn.fengtai.pool.query.fund.FundView;
import cn.fengtai.pool.query.history.EventHistory;
import cn.fengtai.pool.query.readmodel.ReadModels;
import cn.fengtai.pool.query.web.NotFound;
import cn.fengtai.pool.query.web.Params;
import cn.fengtai.pool.query.web.Tables;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether the pool works where it should: where appeals concentrate and which of those no project covers
 * ({@link Hotspots}), how departments answer summons ({@link DepartmentResponse}) and how a fund was used
 * ({@link FundUse}). Public figures, like the other statistics; {@code asOf} for signed-in readers.
 */
@RestController
@RequestMapping("/api/statistics")
class SupervisionController {

    private final MongoTemplate mongo;
    private final ReadModels readModels;
    private final AppealVolumes volumes;
    private final ProjectFigures figures;
    private final EventHistory history;
    private final PastPool past;

    SupervisionController(MongoTemplate mongo, ReadModels readModels, AppealVolumes volumes, ProjectFigures figures,
                          EventHistory history, PastPool past) {
        this.mongo = mongo;
        this.readModels = readModels;
        this.volumes = volumes;
        this.figures = figures;
        this.history = history;
        this.past = past;
    }

    /** {@code period} as the appeal trends take it; {@code top}: the first rows only (1 to 1,000). */
    @GetMapping("/hotspots")
    Hotspots.HotspotsAnswer hotspots(@RequestParam(required = false) String period, @RequestParam(required = false) Integer top,
                             @RequestParam(required = false) Boolean uncoveredOnly,
                             @RequestParam(required = false) String asOf) {
        Period p = StatisticsQuery.period(period);
        Integer n = top == null ? null : Params.range("top", top, 20, 1, 1_000);
        Instant at = StatisticsQuery.asOf(asOf);
        List<String> months = new ArrayList<>(p.monthCodes());
        months.addAll(p.yearBefore().monthCodes());
        AppealTrends.AppealsAnswer trends = AppealTrends.of(p, volumes.ofMonths(months, at));
        return Hotspots.of(p.label(), trends, figures.listed(at), n, Boolean.TRUE.equals(uncoveredOnly));
    }

    /** {@code batch}: only the summons of projects on that batch's list. */
    @GetMapping("/departments")
    List<DepartmentResponse.DepartmentRow> departments(@RequestParam(required = false) String batch,
                                             @RequestParam(required = false) String asOf) {
        Instant at = StatisticsQuery.asOf(asOf);
        String b = batch == null ? null : StatisticsQuery.batch("batch", batch, at, past);
        return DepartmentResponse.of(figures.summoning(at), b, figures.day(at));
    }

    @GetMapping("/funds/{id}")
    FundUse.FundUseAnswer fund(@PathVariable String id, @RequestParam(required = false) String asOf) {
        String fundId = Params.code("id", id);
        Instant at = StatisticsQuery.asOf(asOf);
        FundView fund = at == null
                ? mongo.findById(fundId, FundView.class, readModels.active(FundProjection.NAME, FundView.class))
                : fundAt(fundId, at);
        if (fund == null || fund.id() == null) throw new NotFound("no fund has the id '" + fundId + "'");
        return FundUse.of(fund, figures.fundedBy(fundId, at));
    }

    @GetMapping(value = "/hotspots", produces = {Tables.CSV, Tables.XLSX})
    ResponseEntity<byte[]> hotspotsCsv(@RequestParam(required = false) String period, @RequestParam(required = false) Integer top,
                                       @RequestParam(required = false) Boolean uncoveredOnly,
                                       @RequestParam(required = false) String asOf) {
        Hotspots.HotspotsAnswer answer = hotspots(period, top, uncoveredOnly, asOf);
        List<List<?>> rows = answer.rows().stream().<List<?>>map(r -> Arrays.asList(r.street(), r.streetName(),
                r.issueType(), r.issueTypeName(), r.count(), r.previousCount(), r.change(), r.share(),
                String.join(" ", r.projects()), r.covered(), r.months(), r.recordedMonths(), r.previousRecordedMonths(),
                String.join(" ", r.missingMonths()))).toList();
        return Tables.of("hotspots-" + answer.period(), List.of("street", "streetName", "issueType", "issueTypeName",
                "count", "previousCount", "change", "share", "projects", "covered", "months", "recordedMonths",
                "previousRecordedMonths", "missingMonths"), rows);
    }

    @GetMapping(value = "/departments", produces = {Tables.CSV, Tables.XLSX})
    ResponseEntity<byte[]> departmentsCsv(@RequestParam(required = false) String batch, @RequestParam(required = false) String asOf) {
        List<List<?>> rows = departments(batch, asOf).stream().<List<?>>map(r -> Arrays.asList(r.department(), r.name(),
                r.summoned(), r.reportedIn(), r.pending(), r.medianDaysToReportIn(), r.maxDaysToReportIn(),
                r.oldestPendingDays())).toList();
        return Tables.of("departments" + (batch == null ? "" : "-" + batch), List.of("department", "name", "summoned",
                "reportedIn", "pending", "medianDaysToReportIn", "maxDaysToReportIn", "oldestPendingDays"), rows);
    }

    @GetMapping(value = "/funds/{id}", produces = {Tables.CSV, Tables.XLSX})
    ResponseEntity<byte[]> fundCsv(@PathVariable String id, @RequestParam(required = false) String asOf) {
        FundUse.FundUseAnswer use = fund(id, asOf);
        List<List<?>> rows = new ArrayList<>();
        rows.add(Arrays.asList("fund", null, use.budget(), use.allocated(), use.remaining(), use.spent()));
        use.byStreet().forEach((street, share) -> rows.add(Arrays.asList("street", street, null, share.allocated(), null, share.spent())));
        use.byCategory().forEach((category, share) -> rows.add(Arrays.asList("category", category, null, share.allocated(), null, share.spent())));
        return Tables.of("fund-" + use.fund(), List.of("scope", "code", "budget", "allocated", "remaining", "spent"), rows);
    }

    private FundView fundAt(String id, Instant at) {
        FundView fund = new FundView();
        history.of(id).stream().filter(s -> !s.message().getTimestamp().isAfter(at)
                        && s.message().getPayloadType().getPackageName().equals(FundProjection.EVENTS))
                .forEach(s -> fund.apply(s.message().getPayload()));
        return fund;
    }
}
