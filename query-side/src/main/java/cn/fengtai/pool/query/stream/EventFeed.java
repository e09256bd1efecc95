package cn.fengtai.pool.query.stream;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pages through the event store in global order, after a position, read through the upcasters. Appends are
 * serialised (see {@code SerialAppendEngine}), so every event below a position a reader has seen is already committed:
 * "after N" is exact. Each page is one indexed range query, so paging from the start of a large store stays cheap.
 */
@Component
public class EventFeed {

    private final EventStorageEngine storage;
    private final CloudEvents cloudEvents;
    private final JdbcTemplate jdbc;

    EventFeed(EventStorageEngine storage, CloudEvents cloudEvents, JdbcTemplate jdbc) {
        this.storage = storage;
        this.cloudEvents = cloudEvents;
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} events with a position above {@code after} (-1: from the start), in order. */
    public List<CloudEvents.Entry> after(long after, int limit) {
        GapAwareTrackingToken token = after < 0 ? null : GapAwareTrackingToken.newInstance(after, Collections.emptySortedSet());
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(token, false)) {
            return events.limit(limit).map(cloudEvents::of).toList();
        }
    }

    /** The highest position stored, -1 when the store is empty. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }
}
