package cn.fengtai.pool.events.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON format of stored events, decided before the first event was stored: ISO-8601 dates and instants (not
 * numbers), money as plain decimals, and tolerant reading (an unknown field is ignored, a missing one is null), so that
 * adding an optional field never needs an upcaster. Anything else (a rename, a removed field, a changed meaning) bumps
 * the event's {@code @Revision} and ships an upcaster beside it, like {@link ProjectFiledUpcaster}.
 */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }
}
