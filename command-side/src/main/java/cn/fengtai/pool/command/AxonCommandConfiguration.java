package cn.fengtai.pool.command;

import cn.fengtai.pool.wiring.PoolProperties;
import cn.fengtai.pool.command.dispatch.LockUntilCommit;
import cn.fengtai.pool.events.ActorMetaData;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Copies who did it, and under which idempotency key, from each command onto every event it causes; holds each
 * aggregate's lock until the request commits ({@link LockUntilCommit}); snapshots the aggregates with long histories.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
public class AxonCommandConfiguration {

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return fromCommands(new SimpleCorrelationDataProvider(ActorMetaData.USER, ActorMetaData.ROLE,
                ActorMetaData.STREET, ActorMetaData.DEPARTMENT, ActorMetaData.IDEMPOTENCY_KEY, ActorMetaData.TRACEPARENT, ActorMetaData.IMPORT_ID));
    }

    /** Declared because Axon drops its own default as soon as any other provider exists. */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return fromCommands(new MessageOriginProvider());
    }

    /**
     * Correlation from commands to the events they cause only. Axon asks every provider again for every message that
     * handling an event creates, down to the result of each event a projection handles, which would copy each
     * event's metadata for nothing: no event handler here sends anything.
     */
    static CorrelationDataProvider fromCommands(CorrelationDataProvider provider) {
        return message -> message instanceof CommandMessage<?> ? provider.correlationDataFor(message) : Map.of();
    }

    @Bean
    LockFactory aggregateLockFactory() {
        return new LockUntilCommit();
    }

    /**
     * A batch gains an event for every project put on it and a fund one for every allocation, and each approval or
     * funding loads them: without snapshots, loading them grows with the pool. A snapshot is taken every
     * {@code pool.snapshots.every} events, after the request has committed, in a transaction of its own (a failed
     * snapshot then never fails a command, and costs only a longer load).
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aggregate-snapshots");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    SnapshotTriggerDefinition longHistorySnapshots(Snapshotter snapshotter, ExecutorService snapshotExecutor,
                                                   PoolProperties pool) {
        int every = pool.snapshots().every();
        Snapshotter afterCommit = (type, id) -> {
            Runnable take = () -> snapshotExecutor.execute(() -> snapshotter.scheduleSnapshot(type, id));
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                take.run();
                return;
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    take.run();
                }
            });
        };
        return new EventCountSnapshotTriggerDefinition(afterCommit, every);
    }
}
