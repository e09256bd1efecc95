package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.events.reference.ReferenceCodes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A project as the API answers it: every field of API.md, and a few more a frontend needs. */
public record ProjectDetail(String id, String street, String streetName, String community, String title,
                            String description, String category, List<String> issueTypes, String channel,
                            ProjectStatus status, List<String> batches, String currentBatch, boolean carriedOver,
                            String responsibleUnit, LocalDate deadline, boolean overdue, List<String> tasks,
                            BigDecimal estimatedCost, BigDecimal fundedAmount, Boolean fundedAtStart,
                            BigDecimal actualCost, String summary, int progress, List<DepartmentView> departments,
                            String rating, String reason, LocalDate filedOn, LocalDate completedOn, Instant filedAt,
                            Instant updatedAt, long version) {

    static ProjectDetail of(ProjectView v, LocalDate today) {
        return new ProjectDetail(v.id(), v.street(), ReferenceCodes.streets().get(v.street()), v.community(),
                v.title(), v.description(), v.category(), v.issueTypes(), v.channel(), v.status(), v.batches(),
                v.currentBatch(), v.carriedOver(), v.responsibleUnit(), v.deadline(), v.overdue(today), v.tasks(),
                v.estimatedCost(), v.fundedAmount(), v.fundedAtStart(), v.actualCost(), v.summary(), v.progress(),
                v.departments(), v.rating(), v.reason(), v.filedOn(), v.completedOn(), v.filedAt(), v.updatedAt(),
                v.version());
    }
}
