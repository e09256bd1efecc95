package cn.fengtai.pool.events.project;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The unfinished project moved (结转) from one batch list onto the next; it is now listed on both. */
@Revision("1")
public record ProjectCarriedOver(String projectId, String fromBatch, String toBatch, String reason,
                                 LocalDate effectiveDate, String comment) {
}
