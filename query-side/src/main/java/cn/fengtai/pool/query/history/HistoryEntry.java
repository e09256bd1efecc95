package cn.fengtai.pool.query.history;

import cn.fengtai.pool.events.ActorMetaData;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One event of a project's history as auditors read it: what, when, for which business date, by whom and why. */
public record HistoryEntry(long sequence, long position, String type, Instant recordedAt, Object effectiveDate,
                           Actor actor, Object comment, Map<String, Object> data) {

    public record Actor(Object user, Object role, Object street, Object department) {
    }

    @SuppressWarnings("unchecked")
    public static HistoryEntry of(EventHistory.Stored stored, ObjectMapper eventJson) {
        DomainEventMessage<?> m = stored.message();
        Map<String, Object> data = eventJson.convertValue(m.getPayload(), LinkedHashMap.class);
        Actor actor = new Actor(m.getMetaData().get(ActorMetaData.USER), m.getMetaData().get(ActorMetaData.ROLE),
                m.getMetaData().get(ActorMetaData.STREET), m.getMetaData().get(ActorMetaData.DEPARTMENT));
        return new HistoryEntry(m.getSequenceNumber(), stored.position(), m.getPayloadType().getSimpleName(),
                m.getTimestamp(), data.get("effectiveDate"), actor, data.get("comment"), data);
    }
}
