package cn.fengtai.pool.events.project;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Progress of the work in percent, reported by the office or a summoned department. */
@Revision("1")
public record ProjectProgressReported(String projectId, int percent, String note, LocalDate effectiveDate,
                                      String comment) {
}
