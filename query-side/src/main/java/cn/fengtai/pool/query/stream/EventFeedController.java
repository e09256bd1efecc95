package cn.fengtai.pool.query.stream;

import cn.fengtai.pool.events.EventTypes;
import cn.fengtai.pool.query.access.ReadingRules;
import cn.fengtai.pool.query.web.BadQuery;
import cn.fengtai.pool.query.web.NotFound;
import cn.fengtai.pool.query.web.Params;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The integrators' contract: the stored events a caller may see, in global order as CloudEvents, paged
 * ({@code /api/events}) or streamed ({@code /api/events/stream}), described by the AsyncAPI document and a JSON Schema
 * per event type.
 */
@RestController
class EventFeedController {

    private static final MediaType EVENT_STREAM = new MediaType("text", "event-stream", StandardCharsets.UTF_8);
    /** How many stored events one page reads at most, however few of them the caller may see. */
    private static final int SCANNED = 5_000;

    private final EventFeed feed;
    private final LiveFeed live;
    private final FeedAccess access;
    private final CloudEvents cloudEvents;

    EventFeedController(EventFeed feed, LiveFeed live, FeedAccess access, CloudEvents cloudEvents) {
        this.feed = feed;
        this.live = live;
        this.access = access;
        this.cloudEvents = cloudEvents;
    }

    /**
     * {@code {"events": [CloudEvent, ...], "next": POSITION}}; ask again with {@code after=next} for more. Only the
     * events the caller may see ({@link FeedAccess}) and that pass its filters ({@link FeedFilter}: {@code type},
     * repeatable, {@code subject}, {@code street}, {@code since}); {@code next} is the last position read, seen or not,
     * so a reader pages past what it does not see instead of reading it again.
     */
    @GetMapping(value = "/api/events", produces = MediaType.APPLICATION_JSON_VALUE)
    String events(@RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit,
                  @RequestParam(required = false) List<String> type, @RequestParam(required = false) String subject,
                  @RequestParam(required = false) String street, @RequestParam(required = false) String since,
                  jakarta.servlet.http.HttpServletRequest http) {
        Predicate<CloudEvents.Entry> visible = access.filterFor(ReadingRules.caller())
                .and(FeedFilter.of(raw(http, "type"), subject, street, since, access));
        long from = position("after", after);
        int size = Params.range("limit", limit, 100, 1, 1_000);
        List<CloudEvents.Entry> events = new ArrayList<>(size);
        long next = from;
        int scanned = 0;
        while (events.size() < size && scanned < SCANNED) {
            List<CloudEvents.Entry> page = feed.after(next, Math.min(1_000, SCANNED - scanned));
            if (page.isEmpty()) break;
            for (CloudEvents.Entry entry : page) {
                next = entry.position();
                scanned++;
                if (visible.test(entry) && events.size() < size) events.add(entry);
                if (events.size() == size) break;
            }
        }
        String origin = cloudEvents.origin(http);
        return events.stream().map(entry -> cloudEvents.json(entry, origin))
                .collect(Collectors.joining(",", "{\"events\":[", "],\"next\":" + next + "}"));
    }

    /**
     * Resumes after {@code Last-Event-ID} (what a reconnecting EventSource sends) or {@code after}. A browser signs in
     * with {@code ticket} (from {@code POST /api/events/tickets}), checked before this is reached.
     */
    @GetMapping(value = "/api/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> stream(@RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                                      @RequestParam(required = false) Long after,
                                      @RequestParam(required = false) String ticket,
                                      @RequestParam(required = false) List<String> type,
                                      @RequestParam(required = false) String subject,
                                      @RequestParam(required = false) String street,
                                      @RequestParam(required = false) String since,
                                      jakarta.servlet.http.HttpServletRequest http) {
        Predicate<CloudEvents.Entry> visible = access.filterFor(ReadingRules.caller())
                .and(FeedFilter.of(raw(http, "type"), subject, street, since, access));
        long from = after == null ? -1 : position("after", after);
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = position("Last-Event-ID", Long.parseLong(lastEventId.strip()));
            } catch (NumberFormatException e) {
                throw new BadQuery("Last-Event-ID", "Last-Event-ID must be the position (id) of the last event received");
            }
        }
        // The charset named: clients that follow the media type's default otherwise read Chinese text as Latin-1.
        return ResponseEntity.ok().contentType(EVENT_STREAM).body(live.subscribe(from, visible, cloudEvents.origin(http)));
    }

    /** The document as committed, its HTTP server where this pool is reached ({@code pool.public-url}, or the request's). */
    @GetMapping(value = "/api/asyncapi.yaml", produces = "application/yaml")
    ResponseEntity<String> asyncApi(jakarta.servlet.http.HttpServletRequest http) throws IOException {
        java.net.URI origin = java.net.URI.create(cloudEvents.origin(http));
        String document = new String(read("asyncapi.yaml"), StandardCharsets.UTF_8);
        String committed = "    host: localhost:8080\n    protocol: http\n";
        if (!document.contains(committed)) throw new IllegalStateException("asyncapi.yaml lost its pool server");
        String served = document.replace(committed, "    host: " + origin.getRawAuthority() + "\n    protocol: "
                + origin.getScheme() + "\n");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8")).body(served);
    }

    @GetMapping(value = "/api/schemas/{file}", produces = "application/schema+json")
    ResponseEntity<byte[]> schema(@PathVariable String file) throws IOException {
        boolean known = EventTypes.ALL.stream().anyMatch(type -> EventTypes.schemaFile(type).equals(file));
        if (!known) throw new NotFound("no event type has the schema '" + Params.code("file", file) + "'");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/schema+json"))
                .body(read("schemas/" + file));
    }

    /** A repeatable parameter as given: Spring binds {@code type=} to an empty list, which would read as no filter. */
    private static List<String> raw(jakarta.servlet.http.HttpServletRequest http, String name) {
        String[] values = http.getParameterValues(name);
        return values == null ? null : List.of(values);
    }

    private static long position(String parameter, Long value) {
        if (value == null) return -1;
        if (value < -1) throw new BadQuery(parameter, parameter + " must be a position (0 or more), or -1 for the start");
        return value;
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        }
    }
}
