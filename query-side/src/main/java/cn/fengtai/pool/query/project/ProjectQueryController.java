package cn.fengtai.pool.query.project;

import cn.fengtai.pool.wiring.PoolProperties;
import cn.fengtai.pool.query.appeal.ProjectImpact;
import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.query.history.EventHistory;
import cn.fengtai.pool.query.readmodel.ReadModels;
import cn.fengtai.pool.query.history.HistoryEntry;
import cn.fengtai.pool.query.web.NotFound;
import cn.fengtai.pool.query.web.Params;
import cn.fengtai.pool.query.web.BadQuery;
import cn.fengtai.pool.query.web.Tables;
import cn.fengtai.pool.query.access.ReadingRules;
import cn.fengtai.pool.wiring.PoolAuthorities;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.context.request.WebRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Project lists, project detail (live or as of a past instant) and a project's history from the event store. */
@RestController
@RequestMapping("/api/projects")
class ProjectQueryController {

    private static final long MAX_WAIT_MILLIS = 5_000;
    private static final int MAX_EXPORTED = 20_000;

    private final MongoTemplate mongo;
    private final ReadModels readModels;
    private final ProjectListIndex index;
    private final EventHistory history;
    private final ObjectMapper eventJson;
    private final PoolProperties pool;
    private final PastProjects past;
    private final ImpactOfProjects impact;

    ProjectQueryController(MongoTemplate mongo, ReadModels readModels, ProjectListIndex index, EventHistory history,
                           PastProjects past, ImpactOfProjects impact,
                           @Qualifier("defaultAxonObjectMapper") ObjectMapper eventJson,
                           PoolProperties pool) {
        this.mongo = mongo;
        this.readModels = readModels;
        this.index = index;
        this.history = history;
        this.past = past;
        this.impact = impact;
        this.eventJson = eventJson;
        this.pool = pool;
    }

    record Page(List<ProjectDetail> items, int page, int size, long total) {
    }

    @GetMapping
    Page list(@RequestParam(required = false) String street, @RequestParam(required = false) String category,
              @RequestParam(required = false) String status, @RequestParam(required = false) String batch,
              @RequestParam(required = false) String issueType, @RequestParam(required = false) String q,
              @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
              @RequestParam(required = false) String sort, @RequestParam(required = false) Boolean overdue) {
        Category c = Params.enumValue("category", category, Category.class);
        ProjectStatus s = Params.enumValue("status", status, ProjectStatus.class);
        if (q != null && q.length() > 100) throw new BadQuery("q", "q must be at most 100 characters");
        PoolAuthorities.Caller caller = ReadingRules.caller();
        LocalDate today = pool.districtDay(null);
        ProjectListQuery question = ProjectListQuery.of(Params.code("street", street), c == null ? null : c.name(),
                s == null ? null : s.name(), Params.code("batch", batch), Params.code("issueType", issueType),
                q == null || q.isBlank() ? null : q.strip(), !ReadingRules.seesAllUnlisted(caller),
                ReadingRules.unlisted(caller), Boolean.TRUE.equals(overdue) ? today : null, sort);
        int p = Params.range("page", page, 0, 0, 100_000);
        int n = Params.range("size", size, 20, 1, 200);
        String projects = readModels.active(ProjectProjection.NAME, ProjectView.class);
        Optional<ProjectListIndex.Page> fromMemory = index.page(question.street(), question.matches(), question.order(), (long) p * n, n);
        List<ProjectView> views;
        long total;
        if (fromMemory.isPresent()) {
            total = fromMemory.get().total();
            views = index.views(fromMemory.get().ids(),
                    ids -> mongo.find(Query.query(Criteria.where("_id").in(ids)), ProjectView.class, projects));
        } else {
            Query query = Query.query(question.criteria());
            total = mongo.count(query, ProjectView.class, projects);
            views = mongo.find(query.with(question.sort()).skip((long) p * n).limit(n), ProjectView.class, projects);
        }
        List<ProjectDetail> items = views.stream().map(v -> shown(ProjectDetail.of(v, today), v, caller)).toList();
        return new Page(items, p, n, total);
    }

    /** The import's headings ({@code POST /api/imports/projects}), 项目ID first: the pool's own id of each row. */
    private static final List<String> IMPORT_HEADINGS = List.of("项目ID", "项目编号", "街镇", "社区", "项目名称", "项目类别",
            "诉求类型", "来源渠道", "预计金额（元）", "责任单位", "完成时限", "主要任务", "诉求编号", "项目描述");

    /**
     * The same list as a spreadsheet or CSV for district staff ({@link Tables}): every matching project, in pages read
     * as the list reads them, up to {@value #MAX_EXPORTED} rows. {@code layout=import} writes it in the layout of the
     * project import, with the pool's id of each row (项目ID), so that the file uploaded again stores nothing
     * ({@code unchanged}) and a batch's list ({@code batch=}) goes back to the offices as the sheet they keep.
     */
    @GetMapping(produces = {Tables.CSV, Tables.XLSX})
    ResponseEntity<byte[]> listTable(@RequestParam(required = false) String street, @RequestParam(required = false) String category,
                                     @RequestParam(required = false) String status, @RequestParam(required = false) String batch,
                                     @RequestParam(required = false) String issueType, @RequestParam(required = false) String q,
                                     @RequestParam(required = false) String sort, @RequestParam(required = false) Boolean overdue,
                                     @RequestParam(required = false) String layout) {
        if (layout != null && !layout.equals("import")) throw new BadQuery("layout", "layout is import, or none");
        if (layout != null) return Tables.inImportLayout("projects-import", IMPORT_HEADINGS,
                exported(street, category, status, batch, issueType, q, sort, overdue, ProjectQueryController::importRow));
        List<List<?>> rows = exported(street, category, status, batch, issueType, q, sort, overdue, p -> Arrays.asList(
                p.id(), p.street(), p.streetName(), p.community(), p.title(),
                p.category(), p.labels().category(), String.join(" ", p.issueTypes() == null ? List.of() : p.issueTypes()),
                String.join("、", p.labels().issueTypes().stream().map(String::valueOf).toList()), p.channel(),
                p.labels().channel(), p.status(), p.labels().status(), String.join(" ", p.batches()), p.currentBatch(),
                p.responsibleUnit(), p.deadline(),
                p.overdue(), p.estimatedCost(), p.fundedAmount(), p.actualCost(), p.progress(), p.filedOn(),
                p.completedOn(), p.rating(), p.carriedOver()));
        return Tables.of("projects", List.of("id", "street", "streetName", "community", "title", "category", "categoryName",
                "issueTypes", "issueTypeNames", "channel", "channelName", "status", "statusName", "batches", "currentBatch", "responsibleUnit", "deadline", "overdue",
                "estimatedCost", "fundedAmount", "actualCost", "progress", "filedOn", "completedOn", "rating",
                "carriedOver"), rows);
    }

    /** A project as a row of the import: codes as their Chinese labels, lists as an office writes them. */
    private static List<?> importRow(ProjectDetail p) {
        return Arrays.asList(p.id(), p.officeRef(), p.streetName(), p.community(), p.title(), p.labels().category(),
                String.join("、", p.labels().issueTypes().stream().map(String::valueOf).toList()), p.labels().channel(),
                p.estimatedCost(), p.responsibleUnit(), p.deadline(), p.tasks() == null ? null : String.join("；", p.tasks()),
                p.appealRefs() == null ? null : String.join("、", p.appealRefs()), p.description());
    }

    private List<List<?>> exported(String street, String category, String status, String batch, String issueType, String q,
                                   String sort, Boolean overdue, java.util.function.Function<ProjectDetail, List<?>> row) {
        List<List<?>> rows = new ArrayList<>();
        for (int page = 0; rows.size() < MAX_EXPORTED; page++) {
            Page one = list(street, category, status, batch, issueType, q, page, 200, sort, overdue);
            one.items().forEach(p -> rows.add(row.apply(p)));
            if ((long) (page + 1) * 200 >= one.total()) break;
        }
        return rows.size() > MAX_EXPORTED ? rows.subList(0, MAX_EXPORTED) : rows;
    }

    /**
     * {@code minVersion} holds the answer (up to five seconds) until the view has caught up with a command the client
     * just sent, and answers 202 with the view as it is if it has not; {@code asOf} rebuilds the project from its events as it stood at that recorded instant.
     */
    @GetMapping("/{id}")
    ResponseEntity<ProjectDetail> detail(@PathVariable String id, @RequestParam(required = false) String asOf,
                                         @RequestParam(required = false) Long minVersion, WebRequest request)
            throws InterruptedException {
        String projectId = Params.code("id", id);
        Instant at = Params.instant("asOf", asOf);
        PoolAuthorities.Caller caller = ReadingRules.caller();
        if (at != null) ReadingRules.requirePast(caller);
        ProjectView view = at != null ? past.at(projectId, at) : awaitVersion(projectId, minVersion);
        if (view == null || !ReadingRules.maySee(caller, view.street(), !view.batches().isEmpty())) {
            throw new NotFound("no project has the id '" + projectId + "'");
        }
        boolean inspected = mayInspect(caller, view);
        // The validator names the representation: a full view and the public one of the same version differ, so an
        // anonymous 304 never confirms a body only a signed-in reader was given (and caches keep them apart: Vary).
        // The impact moves with the appeal counts, not with the project's version: it is part of the validator too.
        ProjectImpact.Verdict verdict = impact.of(view, ImpactOfProjects.DEFAULT_MONTHS, at).verdict();
        // Overdue is counted on the day asked about (asOf's, or today's), so the day is part of the validator too.
        LocalDate day = pool.districtDay(at);
        String etag = "\"" + view.version() + (inspected ? "" : "-public") + "-" + verdict.ordinal()
                + (at != null ? "@" + at : "-" + day) + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        ProjectDetail detail = ProjectDetail.of(view, day).withImpact(verdict);
        // Not yet at the version asked for: the view as it is, said to be behind (202, ask again), never a plain 200.
        boolean behind = at == null && minVersion != null && view.version() < minVersion;
        return (behind ? ResponseEntity.accepted().header(HttpHeaders.RETRY_AFTER, "1") : ResponseEntity.ok())
                .eTag(etag).varyBy("Authorization").body(inspected ? detail : detail.forPublic());
    }

    private static ProjectDetail shown(ProjectDetail detail, ProjectView view, PoolAuthorities.Caller caller) {
        return mayInspect(caller, view) ? detail : detail.forPublic();
    }

    /** Whether the caller may see this project's history and personal data (see {@link ReadingRules#mayInspect}). */
    private static boolean mayInspect(PoolAuthorities.Caller caller, ProjectView project) {
        List<String> summoned = project.departments().stream().map(DepartmentView::department).toList();
        return ReadingRules.mayInspect(caller, project.street(), summoned);
    }

    record History(String projectId, List<HistoryEntry> events) {
    }

    @GetMapping(value = "/{id}/history", produces = {Tables.CSV, Tables.XLSX})
    ResponseEntity<byte[]> historyCsv(@PathVariable String id) {
        History history = history(id);
        List<List<?>> rows = history.events().stream().<List<?>>map(e -> java.util.Arrays.asList(e.sequence(), e.position(),
                e.type(), e.recordedAt(), e.effectiveDate(), e.actor().user(), e.actor().role(), e.actor().street(),
                e.actor().department(), e.comment(), eventJsonText(e.data()))).toList();
        return Tables.of("history-" + history.projectId(), List.of("sequence", "position", "type", "recordedAt",
                "effectiveDate", "actorUser", "actorRole", "actorStreet", "actorDepartment", "comment", "data"), rows);
    }

    private String eventJsonText(Object data) {
        try {
            return eventJson.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @GetMapping(value = "/{id}/history", produces = "application/json")
    History history(@PathVariable String id) {
        String projectId = Params.code("id", id);
        List<EventHistory.Stored> stored = history.of(projectId).stream()
                .filter(s -> s.message().getPayloadType().getPackageName().equals(ProjectProjection.EVENTS))
                .toList();
        if (stored.isEmpty()) throw new NotFound("no project has the id '" + projectId + "'");
        ProjectView project = new ProjectView();
        stored.forEach(s -> project.apply(s.message().getPayload()));
        PoolAuthorities.Caller caller = ReadingRules.caller();
        // A project the caller may not even see is not there for it: a 403 would confirm it and name its street.
        if (!ReadingRules.maySee(caller, project.street(), !project.batches().isEmpty())) {
            throw new NotFound("no project has the id '" + projectId + "'");
        }
        if (!mayInspect(caller, project)) {
            throw new ReadingRules.NotAllowed("only the district, finance, auditors, the office of " + project.street()
                    + " and the departments summoned to it may read this project's history");
        }
        List<HistoryEntry> events = stored.stream().map(s -> HistoryEntry.of(s, eventJson)).toList();
        return new History(projectId, events);
    }

    private ProjectView awaitVersion(String id, Long minVersion) throws InterruptedException {
        long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
        ProjectView view = mongo.findById(id, ProjectView.class, readModels.active(ProjectProjection.NAME, ProjectView.class));
        while (minVersion != null && (view == null || view.version() < minVersion)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            view = mongo.findById(id, ProjectView.class, readModels.active(ProjectProjection.NAME, ProjectView.class));
        }
        return view;
    }

}
