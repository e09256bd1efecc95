package cn.fengtai.pool.events.batch;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The list was closed; every project on it still unfinished was carried over to {@code carryOverTo}. */
@Revision("1")
public record BatchClosed(String batchId, String carryOverTo, LocalDate effectiveDate, String comment) {
}
