package cn.fengtai.pool.command.fund;

import cn.fengtai.pool.command.access.Actor;
import cn.fengtai.pool.command.fund.FundCommands.AllocateFunds;
import cn.fengtai.pool.command.fund.FundCommands.CreateFund;
import cn.fengtai.pool.command.fund.FundRefusals.FundExhausted;
import cn.fengtai.pool.command.fund.FundRefusals.NotAPositiveAmount;
import cn.fengtai.pool.events.fund.FundAllocated;
import cn.fengtai.pool.events.fund.FundCreated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;

import static cn.fengtai.pool.command.access.Role.FINANCE;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * A special fund (接诉即办专项经费) with a yearly budget. The fund, not a read model, is the consistency boundary:
 * every allocation goes through it, so concurrent funding can never spend more than the budget.
 */
@Aggregate(lockFactory = "aggregateLockFactory", snapshotTriggerDefinition = "longHistorySnapshots")
public class Fund {

    @AggregateIdentifier
    private String fundId;
    private BigDecimal remaining;

    protected Fund() {
    }

    @CommandHandler
    public Fund(CreateFund c, MetaData meta) {
        Actor.from(meta).mustBe("set up funds", FINANCE);
        if (c.budget().signum() <= 0) throw new NotAPositiveAmount(c.budget());
        apply(new FundCreated(c.fundId(), c.year(), c.budget(), c.effectiveDate(), c.comment()));
    }

    @CommandHandler
    public long handle(AllocateFunds c, MetaData meta) {
        Actor.from(meta).mustBe("allocate funds", FINANCE);
        if (c.amount().signum() <= 0) throw new NotAPositiveAmount(c.amount());
        if (c.amount().compareTo(remaining) > 0) throw new FundExhausted(fundId, c.amount(), remaining);
        apply(new FundAllocated(fundId, c.projectId(), c.amount(), remaining.subtract(c.amount()),
                c.effectiveDate(), c.comment()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(FundCreated e) {
        fundId = e.fundId();
        remaining = e.budget();
    }

    @EventSourcingHandler
    void on(FundAllocated e) {
        remaining = e.remaining();
    }
}
