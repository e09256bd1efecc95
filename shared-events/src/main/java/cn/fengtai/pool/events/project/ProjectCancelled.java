package cn.fengtai.pool.events.project;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The district cancelled the project before it was completed. */
@Revision("1")
public record ProjectCancelled(String projectId, String reason, LocalDate effectiveDate, String comment) {
}
