package cn.fengtai.pool.query.history;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one aggregate's events straight from the event store (not from a read model), read through the upcasters,
 * with each event's global position in the store.
 */
@Component
public class EventHistory {

    public record Stored(DomainEventMessage<?> message, long position) {
    }

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;

    EventHistory(EventStore eventStore, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    public List<Stored> of(String aggregateId) {
        List<? extends DomainEventMessage<?>> messages = eventStore.readEvents(aggregateId).asStream().toList();
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<String, Long> positions = new HashMap<>();
        jdbc.query("SELECT event_identifier, global_index FROM domain_event_entry WHERE aggregate_identifier = ?",
                rs -> {
                    positions.put(rs.getString(1), rs.getLong(2));
                }, aggregateId);
        return messages.stream()
                .map(m -> new Stored(m, positions.getOrDefault(m.getIdentifier(), -1L)))
                .toList();
    }
}
