package cn.fengtai.pool.query.stream;

import cn.fengtai.pool.wiring.PoolProperties;
import cn.fengtai.pool.events.ActorMetaData;
import cn.fengtai.pool.events.EventTypes;
import cn.fengtai.pool.events.project.ProjectFiled;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A stored event as a CloudEvents 1.0 JSON event (the official Java SDK): {@code id} is the event's own identifier,
 * {@code subject} the aggregate id, {@code type} the versioned reverse-DNS type of {@link EventTypes}, {@code dataschema}
 * the JSON Schema of its data, and the extensions {@code position} (global order, what a client resumes after),
 * {@code sequence} and {@code aggregatetype}, plus who did it ({@code actoruser}, {@code actorrole}, ...) and the W3C {@code traceparent} of the request that caused it
 * (CloudEvents' distributed tracing extension).
 */
@Component
public class CloudEvents {

    public static final URI SOURCE = URI.create("/fengtai/project-pool");

    /**
     * One event of the feed: its position, its type, the CloudEvent in JSON, and what the reading rules go by: the
     * aggregate it belongs to ({@code subject}) and whether that is a project.
     */
    public record Entry(long position, String type, String json, String subject, boolean projectEvent, Instant time) {
    }

    private static final String PROJECT_EVENTS = ProjectFiled.class.getPackageName();

    /** The origin the stored JSON names when {@code pool.public-url} is not set; an HTTP reader's own replaces it. */
    static final String UNCONFIGURED_ORIGIN = "http://localhost:8080";
    private static final String SCHEMA_LINK = "\"dataschema\":\"";

    private final ObjectMapper eventJson;
    private final String publicUrl;
    private final boolean configured;
    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    CloudEvents(@Qualifier("defaultAxonObjectMapper") ObjectMapper eventJson,
                PoolProperties pool) {
        this.configured = pool.publicUrl() != null && !pool.publicUrl().isBlank();
        String publicUrl = configured ? pool.publicUrl() : UNCONFIGURED_ORIGIN;
        this.eventJson = eventJson;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public Entry of(TrackedEventMessage<?> message) {
        long position = message.trackingToken().position().orElseThrow();
        Class<?> payloadType = message.getPayloadType();
        String type = EventTypes.typeOf(payloadType);
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withSource(SOURCE)
                .withType(type)
                .withTime(message.getTimestamp().atOffset(ZoneOffset.UTC));
        try {
            byte[] data = data(message.getPayload());
            builder.withDataContentType("application/json")
                    .withDataSchema(URI.create(publicUrl + "/api/schemas/" + EventTypes.schemaFile(payloadType)))
                    .withData(data);
        } catch (RuntimeException unreadable) {
            // The feed goes on past an event whose stored payload cannot be read (the projections park it), and says so.
            builder.withExtension("dataerror", "the stored payload of this event could not be read");
        }
        number(builder, "position", position);
        if (message instanceof DomainEventMessage<?> domain) {
            builder.withSubject(domain.getAggregateIdentifier());
            number(builder, "sequence", domain.getSequenceNumber());
            if (domain.getType() != null) builder.withExtension("aggregatetype", domain.getType());
        }
        extension(builder, "actoruser", message.getMetaData().get(ActorMetaData.USER));
        extension(builder, "actorrole", message.getMetaData().get(ActorMetaData.ROLE));
        extension(builder, "actorstreet", message.getMetaData().get(ActorMetaData.STREET));
        extension(builder, "actordepartment", message.getMetaData().get(ActorMetaData.DEPARTMENT));
        extension(builder, "traceparent", message.getMetaData().get(ActorMetaData.TRACEPARENT));
        extension(builder, "importid", message.getMetaData().get(ActorMetaData.IMPORT_ID));
        CloudEvent event = builder.build();
        String subject = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        return new Entry(position, type, new String(format.serialize(event), StandardCharsets.UTF_8), subject,
                subject != null && payloadType.getPackageName().equals(PROJECT_EVENTS), message.getTimestamp());
    }

    /** Where this reader reaches the pool: {@code pool.public-url}, or, not set, the origin it asked at. */
    public String origin(jakarta.servlet.http.HttpServletRequest request) {
        if (configured || request == null) return publicUrl;
        return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request)
                .replacePath(null).replaceQuery(null).build().toUriString();
    }

    /**
     * The event's JSON for a reader at {@code origin}: its {@code dataschema} there. Only the attribute's own opening is
     * replaced: the same characters inside the data are escaped ({@code \"dataschema\"}) and never match.
     */
    public String json(Entry entry, String origin) {
        if (configured || origin == null || origin.equals(publicUrl)) return entry.json();
        return entry.json().replace(SCHEMA_LINK + publicUrl + "/", SCHEMA_LINK + origin + "/");
    }

    private byte[] data(Object payload) {
        try {
            return eventJson.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload could not be written as JSON", e);
        }
    }

    /** CloudEvents integers are 32-bit: beyond that (two billion events) the value is written as a string. */
    private static void number(CloudEventBuilder builder, String name, long value) {
        if (value <= Integer.MAX_VALUE) builder.withExtension(name, (int) value);
        else builder.withExtension(name, Long.toString(value));
    }

    private static void extension(CloudEventBuilder builder, String name, Object value) {
        if (value != null) builder.withExtension(name, value.toString());
    }
}
