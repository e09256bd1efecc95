package cn.fengtai.pool.command.fund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What can be asked of a special fund. */
public final class FundCommands {

    private FundCommands() {
    }

    public record CreateFund(@TargetAggregateIdentifier String fundId, int year, BigDecimal budget,
                             LocalDate effectiveDate, String comment) {
    }

    public record AllocateFunds(@TargetAggregateIdentifier String fundId, String projectId, BigDecimal amount,
                                LocalDate effectiveDate, String comment) {
    }
}
