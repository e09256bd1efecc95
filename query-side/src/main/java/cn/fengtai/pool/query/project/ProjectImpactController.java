package cn.fengtai.pool.query.project;

import cn.fengtai.pool.query.access.ReadingRules;
import cn.fengtai.pool.query.appeal.ProjectImpact;
import cn.fengtai.pool.query.readmodel.ReadModels;
import cn.fengtai.pool.query.web.NotFound;
import cn.fengtai.pool.query.web.Params;
import cn.fengtai.pool.wiring.PoolAuthorities;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Whether a project's appeals fell after it ({@link ProjectImpact}), to whoever may see the project. */
@RestController
@RequestMapping("/api/projects")
class ProjectImpactController {

    private final MongoTemplate mongo;
    private final ReadModels readModels;
    private final PastProjects past;
    private final ImpactOfProjects impact;

    ProjectImpactController(MongoTemplate mongo, ReadModels readModels, PastProjects past, ImpactOfProjects impact) {
        this.mongo = mongo;
        this.readModels = readModels;
        this.past = past;
        this.impact = impact;
    }

    /** {@code months}: how many months each window spans (6 unless given, 1 to 24). */
    @GetMapping("/{id}/impact")
    ProjectImpact.ImpactAnswer impact(@PathVariable String id, @RequestParam(required = false) Integer months,
                                @RequestParam(required = false) String asOf) {
        String projectId = Params.code("id", id);
        int n = Params.range("months", months, ImpactOfProjects.DEFAULT_MONTHS, 1, 24);
        Instant at = Params.instant("asOf", asOf);
        PoolAuthorities.Caller caller = ReadingRules.caller();
        if (at != null) ReadingRules.requirePast(caller);
        ProjectView view = at != null ? past.at(projectId, at)
                : mongo.findById(projectId, ProjectView.class, readModels.active(ProjectProjection.NAME, ProjectView.class));
        if (view == null || view.filedOn() == null || !ReadingRules.maySee(caller, view.street(), !view.batches().isEmpty())) {
            throw new NotFound("no project has the id '" + projectId + "'");
        }
        return impact.of(view, n, at);
    }
}
