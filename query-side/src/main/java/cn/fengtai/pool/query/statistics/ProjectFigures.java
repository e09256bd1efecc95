package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.wiring.PoolProperties;
import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.query.appeal.ProjectImpact;
import cn.fengtai.pool.query.project.ImpactOfProjects;
import cn.fengtai.pool.query.project.PastProjects;
import cn.fengtai.pool.query.project.ProjectListIndex;
import cn.fengtai.pool.query.project.ProjectProjection;
import cn.fengtai.pool.query.project.ProjectView;
import cn.fengtai.pool.query.readmodel.ReadModelConversions;
import cn.fengtai.pool.query.readmodel.ReadModels;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The projects a figure is made of, from the projects read model now or, at a past instant, as they stood then
 * ({@link PastProjects}), with the same test for both, so a figure {@code asOf} is what the live one said then. Figures
 * asked on every statistics request (overdue, a batch's impact) start from the project list's entries in memory
 * ({@link ProjectListIndex}) where this process holds them: the embedded server has no secondary indexes and would
 * read every project for each request.
 */
@Component
class ProjectFigures {

    private final MongoTemplate mongo;
    private final ReadModels readModels;
    private final PastProjects past;
    private final ImpactOfProjects impact;
    private final PoolProperties pool;
    private final ProjectListIndex index;

    ProjectFigures(MongoTemplate mongo, ReadModels readModels, PastProjects past, ImpactOfProjects impact,
                   PoolProperties pool, ProjectListIndex index) {
        this.mongo = mongo;
        this.readModels = readModels;
        this.past = past;
        this.impact = impact;
        this.pool = pool;
        this.index = index;
    }

    /** The day a figure is counted on: today, or the day of the instant asked about. */
    LocalDate day(Instant at) {
        return pool.districtDay(at);
    }

    Overdue overdue(Instant at) {
        LocalDate day = day(at);
        if (at == null) {
            Optional<Collection<ProjectListIndex.Entry>> entries = index.entries();
            if (entries.isPresent()) return Overdue.ofEntries(entries.get(), day);
        }
        Criteria live = Criteria.where("status").in((Object[]) names(Overdue.UNFINISHED))
                .and("deadline").lt(ReadModelConversions.day(day));
        return Overdue.of(projects(live, p -> p.overdue(day), at), day);
    }

    /** What the appeals of a batch's completed projects did after them. */
    Map<ProjectImpact.Verdict, Long> impact(String batch, Instant at) {
        Predicate<ProjectView> then = p -> p.batches().contains(batch) && p.status() == ProjectStatus.COMPLETED;
        if (at == null) {
            Optional<Collection<ProjectListIndex.Entry>> entries = index.entries();
            if (entries.isPresent()) {
                List<String> ids = entries.get().stream().filter(e -> e.batches().contains(batch)
                        && ProjectStatus.COMPLETED.name().equals(e.status())).map(ProjectListIndex.Entry::id).toList();
                return impact.summary(byId(ids).stream().filter(then).toList(), null);
            }
        }
        Criteria live = Criteria.where("batches").is(batch).and("status").is(ProjectStatus.COMPLETED.name());
        return impact.summary(projects(live, then, at), at);
    }

    /**
     * Read by id, which every server answers from its {@code _id} index, a thousand at a time, with the fields the
     * impact and its test need.
     */
    private List<ProjectView> byId(List<String> ids) {
        String collection = readModels.active(ProjectProjection.NAME, ProjectView.class);
        List<ProjectView> found = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += 1_000) {
            Query query = Query.query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + 1_000))));
            query.fields().include("street", "issueTypes", "filedOn", "completedOn", "status", "batches");
            found.addAll(mongo.find(query, ProjectView.class, collection));
        }
        return found;
    }

    /** Projects on a batch's list that were neither rejected nor cancelled: those that cover their appeals. */
    List<ProjectView> listed(Instant at) {
        Criteria live = Criteria.where("batches.0").exists(true)
                .and("status").nin(ProjectStatus.REJECTED.name(), ProjectStatus.CANCELLED.name());
        return projects(live, p -> !p.batches().isEmpty() && p.status() != ProjectStatus.REJECTED
                && p.status() != ProjectStatus.CANCELLED, at);
    }

    /** Projects that summoned at least one department. */
    List<ProjectView> summoning(Instant at) {
        return projects(Criteria.where("departments.0").exists(true), p -> !p.departments().isEmpty(), at);
    }

    /** Projects a fund allocated money to. */
    List<ProjectView> fundedBy(String fund, Instant at) {
        return projects(Criteria.where("fundings.fund").is(fund),
                p -> p.fundings().stream().anyMatch(f -> fund.equals(f.fund())), at);
    }

    private List<ProjectView> projects(Criteria live, Predicate<ProjectView> then, Instant at) {
        if (at != null) return past.all(at).stream().filter(then).toList();
        return mongo.find(Query.query(live), ProjectView.class, readModels.active(ProjectProjection.NAME, ProjectView.class))
                .stream().filter(then).toList();
    }

    private static String[] names(ProjectStatus[] statuses) {
        String[] names = new String[statuses.length];
        for (int i = 0; i < statuses.length; i++) names[i] = statuses[i].name();
        return names;
    }
}
