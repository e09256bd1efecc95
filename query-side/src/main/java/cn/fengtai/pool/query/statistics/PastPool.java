package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.events.batch.BatchCreated;
import cn.fengtai.pool.wiring.SerialAppendEngine;
import cn.fengtai.pool.query.appeal.AppealTrends;
import cn.fengtai.pool.query.appeal.AppealVolumeProjection;
import cn.fengtai.pool.query.appeal.AppealVolumeView;
import cn.fengtai.pool.query.batch.BatchProjection;
import cn.fengtai.pool.query.batch.BatchView;
import cn.fengtai.pool.query.project.Counters;
import cn.fengtai.pool.query.project.ProjectProjection;
import cn.fengtai.pool.query.project.ProjectView;
import cn.fengtai.pool.query.project.StatisticsCheckpoints;
import cn.fengtai.pool.query.readmodel.ReadModels;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The pool as it stood at a past instant: computed from the events recorded up to it, with the same folds as the live
 * read models ({@link ProjectView#apply}), so the figures are those the live endpoints gave at that moment.
 * <p>
 * The counters start from the last copy whose events were all recorded by the instant ({@link StatisticsCheckpoints})
 * and read on from there only the stretches of the store that can hold a project event recorded by then; each project
 * those events touch is taken out of the counters as it stood at the copy (its earlier events, read per aggregate)
 * and put back as it stands after them. A project's events are recorded in sequence order (its commands hold its
 * lock), so the ones recorded by an instant are always the first of its events.
 */
@Component
public class PastPool {

    private final SerialAppendEngine storage;
    private final MongoTemplate mongo;
    private final ReadModels readModels;

    PastPool(SerialAppendEngine storage, MongoTemplate mongo, ReadModels readModels) {
        this.storage = storage;
        this.mongo = mongo;
        this.readModels = readModels;
    }

    public Counters countersAt(Instant instant) {
        String suffix = readModels.answering(ProjectProjection.NAME).activeSuffix();
        List<StatisticsCheckpoints.Checkpoint> checkpoints = StatisticsCheckpoints.list(mongo, suffix);
        int start = -1;
        for (int i = 0; i < checkpoints.size() && !checkpoints.get(i).maxTimestamp().isAfter(instant); i++) start = i;
        long from = start < 0 ? -1 : checkpoints.get(start).position();
        Counters counters = start < 0 ? new Counters() : StatisticsCheckpoints.counters(mongo, suffix, from);

        List<long[]> stretches = new ArrayList<>();
        long previous = from;
        for (int i = start + 1; i < checkpoints.size(); i++) {
            StatisticsCheckpoints.Checkpoint checkpoint = checkpoints.get(i);
            if (!checkpoint.minTimestamp().isAfter(instant)) add(stretches, previous, checkpoint.position());
            previous = checkpoint.position();
        }
        add(stretches, previous, Long.MAX_VALUE); // after the last copy nothing is known of the times

        Map<String, List<DomainEventMessage<?>>> recorded = new LinkedHashMap<>();
        for (long[] stretch : stretches) {
            GapAwareTrackingToken after = stretch[0] < 0 ? null : GapAwareTrackingToken.newInstance(stretch[0], Collections.emptySet());
            try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(after, false)) {
                events.takeWhile(m -> m.trackingToken().position().orElse(Long.MAX_VALUE) <= stretch[1])
                        .filter(m -> m instanceof DomainEventMessage<?> && !m.getTimestamp().isAfter(instant)
                                && m.getPayloadType().getPackageName().equals(ProjectProjection.EVENTS))
                        .forEach(m -> recorded.computeIfAbsent(((DomainEventMessage<?>) m).getAggregateIdentifier(),
                                id -> new ArrayList<>()).add((DomainEventMessage<?>) m));
            }
        }
        Map<String, List<DomainEventMessage<?>>> earlier = storage.eventsOf(recorded.keySet(), from);
        recorded.forEach((id, events) -> {
            ProjectView project = new ProjectView();
            earlier.getOrDefault(id, List.of()).forEach(e -> project.apply(e.getPayload()));
            counters.remove(project);
            events.forEach(e -> project.apply(e.getPayload()));
            counters.add(project);
        });
        return counters;
    }

    /** Whether the batch exists now ({@code instant} null) or had been created by that instant. */
    public boolean batchExists(String batchId, Instant instant) {
        if (instant == null) {
            return mongo.findById(batchId, BatchView.class, readModels.active(BatchProjection.NAME, BatchView.class)) != null;
        }
        DomainEventStream events = storage.readEvents(batchId);
        if (!events.hasNext()) return false;
        DomainEventMessage<?> first = events.next();
        return first.getPayload() instanceof BatchCreated && !first.getTimestamp().isAfter(instant);
    }

    /** The appeal counts as recorded at that instant. */
    public List<AppealTrends.Volume> volumesAt(Instant instant) {
        return mongo.findAll(AppealVolumeView.class, readModels.active(AppealVolumeProjection.NAME, AppealVolumeView.class))
                .stream().map(v -> {
                    Integer count = v.countAt(instant);
                    return count == null ? null : new AppealTrends.Volume(v.street(), v.issueType(), v.month(), count);
                }).filter(Objects::nonNull).toList();
    }

    private static void add(List<long[]> stretches, long from, long to) {
        long[] last = stretches.isEmpty() ? null : stretches.get(stretches.size() - 1);
        if (last != null && last[1] == from) last[1] = to;
        else stretches.add(new long[]{from, to});
    }
}
