package cn.fengtai.pool.events.batch;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The list was published as the official list; it takes no more approvals. */
@Revision("1")
public record BatchPublished(String batchId, LocalDate effectiveDate, String comment) {
}
