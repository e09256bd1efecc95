package cn.fengtai.pool.events.project;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/** The district approved (评审通过) the project onto a batch list, fixing who does what by when. */
@Revision("1")
public record ProjectApproved(String projectId, String batch, String responsibleUnit, LocalDate deadline,
                              List<String> tasks, LocalDate effectiveDate, String comment) {
}
