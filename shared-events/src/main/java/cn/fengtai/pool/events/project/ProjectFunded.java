package cn.fengtai.pool.events.project;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Money from a special fund (专项经费) was allocated to the project; {@code totalFunded} is the sum so far. */
@Revision("1")
public record ProjectFunded(String projectId, String fund, BigDecimal amount, BigDecimal totalFunded,
                            LocalDate effectiveDate, String comment) {
}
