package cn.fengtai.pool.events.project;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The district rejected the project at review; it stays in the pool, never listed. */
@Revision("1")
public record ProjectRejected(String projectId, String reason, LocalDate effectiveDate, String comment) {
}
