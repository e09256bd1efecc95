package cn.fengtai.pool.wiring;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The events one transaction has appended, held until it commits and then handed to the group commit
 * ({@link SerialAppendEngine}). Commands later in the same transaction read them back as if stored: closing a batch
 * lists every project it carries over on the same next batch, one command after another.
 */
final class PendingAppends implements TransactionSynchronization {

    private final Object key;
    private final Consumer<PendingAppends> commit;
    final List<EventMessage<?>> events = new ArrayList<>();
    long since;

    private PendingAppends(Object key, Consumer<PendingAppends> commit) {
        this.key = key;
        this.commit = commit;
    }

    /** The current transaction's pending appends, registered with it on first use. */
    static PendingAppends of(Object key, Consumer<PendingAppends> commit) {
        PendingAppends pending = here(key);
        if (pending == null) {
            pending = new PendingAppends(key, commit);
            TransactionSynchronizationManager.bindResource(key, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    /** The current transaction's pending appends, or null. */
    static PendingAppends here(Object key) {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (PendingAppends) TransactionSynchronizationManager.getResource(key) : null;
    }

    /** The pending events of an aggregate from a sequence number on, in order. */
    List<DomainEventMessage<?>> of(String aggregateId, long firstSequenceNumber) {
        List<DomainEventMessage<?>> found = new ArrayList<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && aggregateId.equals(domain.getAggregateIdentifier())
                    && domain.getSequenceNumber() >= firstSequenceNumber) {
                found.add(domain);
            }
        }
        return found;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        if (!events.isEmpty()) commit.accept(this);
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }
}
