package cn.fengtai.pool.events.fund;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Money was allocated from the fund to a project; {@code remaining} is what the fund has left after it. */
@Revision("1")
public record FundAllocated(String fundId, String projectId, BigDecimal amount, BigDecimal remaining,
                            LocalDate effectiveDate, String comment) {
}
