package cn.fengtai.pool.events.project;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/** The office blew the whistle (街乡吹哨): these departments are asked to report in. */
@Revision("1")
public record DepartmentsSummoned(String projectId, List<String> departments, String note, LocalDate effectiveDate,
                                  String comment) {
}
