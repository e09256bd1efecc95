package cn.fengtai.pool.events.fund;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A special fund (接诉即办专项经费) was set up with its yearly budget. */
@Revision("1")
public record FundCreated(String fundId, int year, BigDecimal budget, LocalDate effectiveDate, String comment) {
}
