package cn.fengtai.pool.events.project;

import cn.fengtai.pool.events.Rating;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The district evaluated (评估) the completed project. */
@Revision("1")
public record ProjectEvaluated(String projectId, Rating rating, String note, LocalDate effectiveDate,
                               String comment) {
}
