package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.events.appeal.AppealVolumeRecorded;
import cn.fengtai.pool.events.batch.BatchCreated;
import cn.fengtai.pool.query.appeal.AppealTrends;
import cn.fengtai.pool.query.project.ProjectView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The pool as it stood at a past instant, folded from the events recorded up to it with the same folds as the live
 * read models ({@link ProjectView#apply}), so the figures are those the live endpoints gave at that moment. One pass
 * over the event store per question: fine for a district's history, and the place to add snapshots when it grows.
 */
@Component
public class PastPool {

    public record State(Counters counters, Set<String> batches, List<AppealTrends.Volume> volumes) {
    }

    private final EventStorageEngine storage;

    PastPool(EventStorageEngine storage) {
        this.storage = storage;
    }

    public State at(Instant instant) {
        Map<String, ProjectView> projects = new LinkedHashMap<>();
        Set<String> batches = new HashSet<>();
        Map<String, AppealTrends.Volume> volumes = new LinkedHashMap<>();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            events.filter(m -> !m.getTimestamp().isAfter(instant)).forEach(m -> {
                Object event = m.getPayload();
                if (event instanceof BatchCreated created) {
                    batches.add(created.batchId());
                } else if (event instanceof AppealVolumeRecorded recorded) {
                    volumes.put(recorded.street() + ":" + recorded.issueType() + ":" + recorded.month(),
                            new AppealTrends.Volume(recorded.street(), recorded.issueType(), recorded.month(), recorded.count()));
                } else if (m instanceof DomainEventMessage<?> domain) {
                    ProjectView view = projects.computeIfAbsent(domain.getAggregateIdentifier(), id -> new ProjectView());
                    if (view.apply(event)) {
                        view.stamp(domain.getSequenceNumber(), m.trackingToken().position().orElse(-1), m.getTimestamp());
                    } else if (view.id() == null) {
                        projects.remove(domain.getAggregateIdentifier());
                    }
                }
            });
        }
        return new State(Counters.of(projects.values()), batches, new ArrayList<>(volumes.values()));
    }
}
