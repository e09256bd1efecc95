package cn.fengtai.pool.query.project;

import cn.fengtai.pool.query.history.EventHistory;
import cn.fengtai.pool.wiring.SerialAppendEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Projects as they stood at a past instant, folded from the events recorded by then with the live read model's own
 * fold ({@link ProjectView#apply}), so an answer {@code asOf} is what the live endpoint said at that moment.
 */
@Component
public class PastProjects {

    private final EventHistory history;
    private final SerialAppendEngine storage;

    PastProjects(EventHistory history, SerialAppendEngine storage) {
        this.history = history;
        this.storage = storage;
    }

    /** One project at the instant, or null if it had not been filed by then. */
    public ProjectView at(String id, Instant at) {
        ProjectView view = new ProjectView();
        boolean any = false;
        for (EventHistory.Stored stored : history.of(id)) {
            if (stored.message().getTimestamp().isAfter(at)) break;
            if (view.apply(stored.message().getPayload())) {
                view.stamp(stored.message().getSequenceNumber(), stored.position(), stored.message().getTimestamp());
                any = true;
            }
        }
        return any ? view : null;
    }

    /**
     * Every project at the instant. It reads the whole store up to the head (an event's time follows its position
     * closely, not exactly): for auditors' questions about the past, not for pages a frontend polls.
     */
    public List<ProjectView> all(Instant at) {
        Map<String, ProjectView> projects = new LinkedHashMap<>();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            events.filter(m -> m instanceof DomainEventMessage<?> && !m.getTimestamp().isAfter(at)
                            && m.getPayloadType().getPackageName().equals(ProjectProjection.EVENTS))
                    .forEach(m -> {
                        DomainEventMessage<?> event = (DomainEventMessage<?>) m;
                        ProjectView view = projects.computeIfAbsent(event.getAggregateIdentifier(), id -> new ProjectView());
                        view.apply(event.getPayload());
                        view.stamp(event.getSequenceNumber(), m.trackingToken().position().orElse(-1), event.getTimestamp());
                    });
        }
        return new ArrayList<>(projects.values());
    }
}
