package cn.fengtai.pool.events.project;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A summoned department reported in (部门报到) and committed to its share of the work. */
@Revision("1")
public record DepartmentReportedIn(String projectId, String department, String commitment, LocalDate effectiveDate,
                                   String comment) {
}
