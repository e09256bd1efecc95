package cn.fengtai.pool.events.project;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Implementation (实施) began; {@code funded} records whether money had been allocated by then. */
@Revision("1")
public record ProjectStarted(String projectId, boolean funded, LocalDate effectiveDate, String comment) {
}
