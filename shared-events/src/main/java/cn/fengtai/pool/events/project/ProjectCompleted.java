package cn.fengtai.pool.events.project;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The work is done (完成), with what it really cost and what it achieved. */
@Revision("1")
public record ProjectCompleted(String projectId, BigDecimal actualCost, String summary, LocalDate effectiveDate,
                               String comment) {
}
