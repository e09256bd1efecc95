package cn.fengtai.pool.query.project;

import cn.fengtai.pool.query.appeal.ProjectImpact;
import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.events.reference.ReferenceCodes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A project as the API answers it: every field of API.md, and a few more a frontend needs. */
public record ProjectDetail(String id, String street, String streetName, String community, String officeRef, String title,
                            String description, String category, List<String> issueTypes, String channel,
                            ProjectStatus status, List<String> batches, String currentBatch, boolean carriedOver,
                            String responsibleUnit, LocalDate deadline, boolean overdue, List<String> tasks,
                            BigDecimal estimatedCost, BigDecimal fundedAmount, Boolean fundedAtStart,
                            BigDecimal actualCost, String summary, int progress, List<DepartmentView> departments,
                            String rating, String reason, List<String> appealRefs, LocalDate filedOn,
                            LocalDate completedOn, Instant filedAt, Instant updatedAt, long version,
                            List<Funding> fundings, ProjectImpact.Verdict impact, Labels labels) {

    /** The Chinese labels of the project's codes, beside them for whoever reads the view (from /api/reference). */
    public record Labels(String category, List<String> issueTypes, String channel, String status) {

        static Labels of(ProjectView v) {
            return new Labels(ReferenceCodes.zh("categories", v.category()),
                    v.issueTypes() == null ? List.of() : v.issueTypes().stream().map(t -> ReferenceCodes.zh("issue-types", t)).toList(),
                    ReferenceCodes.zh("channels", v.channel()), v.status() == null ? null : ReferenceCodes.zh("statuses", v.status().name()));
        }
    }

    static ProjectDetail of(ProjectView v, LocalDate today) {
        return new ProjectDetail(v.id(), v.street(), ReferenceCodes.streets().get(v.street()), v.community(),
                v.officeRef(), v.title(), v.description(), v.category(), v.issueTypes(), v.channel(), v.status(), v.batches(),
                v.currentBatch(), v.carriedOver(), v.responsibleUnit(), v.deadline(), v.overdue(today), v.tasks(),
                v.estimatedCost(), v.fundedAmount(), v.fundedAtStart(), v.actualCost(), v.summary(), v.progress(),
                v.departments(), v.rating(), v.reason(), v.appealRefs(), v.filedOn(), v.completedOn(), v.filedAt(),
                v.updatedAt(), v.version(), List.copyOf(v.fundings()), null, Labels.of(v));
    }

    /** With what its appeals did after it ({@code impact}: detail only, lists leave it out). */
    ProjectDetail withImpact(ProjectImpact.Verdict verdict) {
        return new ProjectDetail(id, street, streetName, community, officeRef, title, description, category, issueTypes, channel,
                status, batches, currentBatch, carriedOver, responsibleUnit, deadline, overdue, tasks, estimatedCost,
                fundedAmount, fundedAtStart, actualCost, summary, progress, departments, rating, reason, appealRefs,
                filedOn, completedOn, filedAt, updatedAt, version, fundings, verdict, labels);
    }

    /**
     * What an anonymous reader sees: no free text that may name residents (description, reasons, departments' notes
     * and commitments) and no appeal references, which lead back to the citizens who called.
     */
    ProjectDetail forPublic() {
        List<DepartmentView> publicDepartments = departments.stream()
                .map(d -> new DepartmentView(d.department(), d.summonedOn(), null, d.reportedIn(), d.reportedInOn(), null))
                .toList();
        return new ProjectDetail(id, street, streetName, community, officeRef, title, null, category, issueTypes, channel, status,
                batches, currentBatch, carriedOver, responsibleUnit, deadline, overdue, tasks, estimatedCost,
                fundedAmount, fundedAtStart, actualCost, summary, progress, publicDepartments, rating, null, List.of(),
                filedOn, completedOn, filedAt, updatedAt, version, fundings, impact, labels);
    }
}
