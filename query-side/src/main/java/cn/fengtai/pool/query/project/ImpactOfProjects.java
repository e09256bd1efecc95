package cn.fengtai.pool.query.project;

import cn.fengtai.pool.query.appeal.AppealVolumes;
import cn.fengtai.pool.query.appeal.ProjectImpact;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The impact of projects on their appeals ({@link ProjectImpact}), with the counts recorded now or by an instant. */
@Component
public class ImpactOfProjects {

    /** The months each window spans unless a caller says otherwise. */
    public static final int DEFAULT_MONTHS = 6;

    private final AppealVolumes volumes;

    ImpactOfProjects(AppealVolumes volumes) {
        this.volumes = volumes;
    }

    public ProjectImpact.ImpactAnswer of(ProjectView project, int months, Instant at) {
        List<String> keys = keys(project, months);
        return answer(project, months, keys.isEmpty() ? Map.of() : volumes.counts(keys, at));
    }

    /** How many of these projects' appeals fell, rose, stayed or cannot be measured yet (completed ones only). */
    public Map<ProjectImpact.Verdict, Long> summary(Collection<ProjectView> projects, Instant at) {
        List<ProjectView> completed = projects.stream().filter(p -> p.completedOn() != null && p.filedOn() != null).toList();
        List<String> keys = new ArrayList<>();
        completed.forEach(p -> keys.addAll(keys(p, DEFAULT_MONTHS)));
        Map<String, Integer> counts = keys.isEmpty() ? Map.of() : volumes.counts(keys, at);
        Map<ProjectImpact.Verdict, Long> summary = new EnumMap<>(ProjectImpact.Verdict.class);
        for (ProjectImpact.Verdict verdict : ProjectImpact.Verdict.values()) summary.put(verdict, 0L);
        completed.forEach(p -> summary.merge(answer(p, DEFAULT_MONTHS, counts).verdict(), 1L, Long::sum));
        return summary;
    }

    private static List<String> keys(ProjectView p, int months) {
        return ProjectImpact.keys(p.street(), p.issueTypes(), p.filedOn(), p.completedOn(), months);
    }

    private static ProjectImpact.ImpactAnswer answer(ProjectView p, int months, Map<String, Integer> counts) {
        return ProjectImpact.of(p.id(), p.street(), p.issueTypes(), p.filedOn(), p.completedOn(), months, counts);
    }
}
