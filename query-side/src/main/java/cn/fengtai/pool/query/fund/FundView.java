package cn.fengtai.pool.query.fund;

import cn.fengtai.pool.events.fund.FundAllocated;
import cn.fengtai.pool.events.fund.FundCreated;
import cn.fengtai.pool.query.readmodel.VersionedView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;

/** A special fund: its budget, what has been allocated and what is left. */
@Document("funds")
public class FundView extends VersionedView {

    @Id
    private String id;
    private int year;
    private BigDecimal budget;
    private BigDecimal allocated = BigDecimal.ZERO;
    private BigDecimal remaining;
    private int allocations;

    public void apply(Object event) {
        if (event instanceof FundCreated e) {
            id = e.fundId();
            year = e.year();
            budget = e.budget();
            remaining = e.budget();
        } else if (event instanceof FundAllocated e) {
            if (e.amount() != null) allocated = allocated.add(e.amount());
            remaining = e.remaining();
            allocations++;
        } else {
            throw new IllegalArgumentException("not a fund event: " + event.getClass().getName());
        }
    }

    public String id() { return id; }
    public int year() { return year; }
    public BigDecimal budget() { return budget; }
    public BigDecimal allocated() { return allocated; }
    public BigDecimal remaining() { return remaining; }
    public int allocations() { return allocations; }
}
