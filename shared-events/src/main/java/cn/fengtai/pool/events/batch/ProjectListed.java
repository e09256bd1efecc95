package cn.fengtai.pool.events.batch;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The batch took a project onto its list, by approval or, when {@code carriedOverFrom} is set, by carry-over from
 * that earlier batch.
 */
@Revision("1")
public record ProjectListed(String batchId, String projectId, String carriedOverFrom, LocalDate effectiveDate,
                            String comment) {
}
