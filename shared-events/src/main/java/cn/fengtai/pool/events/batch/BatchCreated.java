package cn.fengtai.pool.events.batch;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A new batch list (批次, e.g. {@code 2024-1}) was opened for approvals and carry-overs. */
@Revision("1")
public record BatchCreated(String batchId, String name, int year, LocalDate effectiveDate, String comment) {
}
