package cn.fengtai.pool.command.batch;

import cn.fengtai.pool.command.access.Actor;
import cn.fengtai.pool.command.batch.BatchCommands.*;
import cn.fengtai.pool.command.batch.BatchRefusals.*;
import cn.fengtai.pool.events.batch.BatchClosed;
import cn.fengtai.pool.events.batch.BatchCreated;
import cn.fengtai.pool.events.batch.BatchPublished;
import cn.fengtai.pool.events.batch.ProjectListed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static cn.fengtai.pool.command.access.Role.DISTRICT;
import static cn.fengtai.pool.command.batch.BatchStatus.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/** A batch list (清单/批次) of approved projects, e.g. {@code 2024-1}. It knows which projects were put on it. */
@Aggregate(lockFactory = "aggregateLockFactory", snapshotTriggerDefinition = "longHistorySnapshots")
public class Batch {

    @AggregateIdentifier
    private String batchId;
    private BatchStatus status;
    private final Set<String> listed = new LinkedHashSet<>();

    protected Batch() {
    }

    @CommandHandler
    public Batch(CreateBatch c, MetaData meta) {
        Actor.from(meta).mustBe("create batches", DISTRICT);
        apply(new BatchCreated(c.batchId(), c.name(), c.year(), c.effectiveDate(), c.comment()));
    }

    @CommandHandler
    public long handle(ListProject c, MetaData meta) {
        Actor.from(meta).mustBe("put projects on a batch", DISTRICT);
        if (status != OPEN) throw new BatchNotOpen(batchId, status);
        if (listed.contains(c.projectId())) throw new AlreadyListed(batchId, c.projectId());
        apply(new ProjectListed(batchId, c.projectId(), c.carriedOverFrom(), c.effectiveDate(), c.comment()));
        return getVersion();
    }

    @CommandHandler
    public long handle(PublishBatch c, MetaData meta) {
        Actor.from(meta).mustBe("publish batches", DISTRICT);
        if (status != OPEN) throw new BatchNotOpen(batchId, status);
        apply(new BatchPublished(batchId, c.effectiveDate(), c.comment()));
        return getVersion();
    }

    /** Answers what the closure must carry over: every project ever put on this list, in order. */
    @CommandHandler
    public Closure handle(CloseBatch c, MetaData meta) {
        Actor.from(meta).mustBe("close batches", DISTRICT);
        if (status != PUBLISHED) throw new BatchNotPublished(batchId, status);
        if (batchId.equals(c.carryOverTo())) throw new CarryOverToItself(batchId);
        apply(new BatchClosed(batchId, c.carryOverTo(), c.effectiveDate(), c.comment()));
        return new Closure(getVersion(), new ArrayList<>(listed));
    }

    public record Closure(long version, List<String> listedProjects) {
    }

    @EventSourcingHandler
    void on(BatchCreated e) {
        batchId = e.batchId();
        status = OPEN;
    }

    @EventSourcingHandler
    void on(ProjectListed e) {
        listed.add(e.projectId());
    }

    @EventSourcingHandler
    void on(BatchPublished e) {
        status = PUBLISHED;
    }

    @EventSourcingHandler
    void on(BatchClosed e) {
        status = CLOSED;
    }
}
