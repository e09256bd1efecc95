package cn.fengtai.pool.query.stream;

import cn.fengtai.pool.wiring.PoolProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Server-Sent Events for any number of subscribers without a thread each. One poller reads new events from the store
 * into a shared window of recent events; a small pool of senders drains each subscriber from its own position, from
 * the window when it is close to the head and from the store (page by page) while it catches up. A subscriber is
 * drained by at most one sender at a time, so a slow one holds one sender and nobody else; one that falls too far
 * behind is closed and resumes with {@code Last-Event-ID}, missing nothing.
 */
@Component
public class LiveFeed implements SmartLifecycle, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final int PAGE = 200;
    private static final int WINDOW = 5_000;

    private final EventFeed feed;
    private final CloudEvents cloudEvents;
    private final long heartbeatMillis;
    private final int maxLag;
    private final ConcurrentSkipListMap<Long, CloudEvents.Entry> window = new ConcurrentSkipListMap<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private volatile long windowFloor = Long.MAX_VALUE;
    private volatile long head = -1;
    // Created up front: the web server accepts requests in an earlier lifecycle phase than this bean's start().
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "event-stream-poller"));
    /**
     * Sending is mostly waiting for a subscriber's socket, not computing, so more senders than cores: a fixed sixteen
     * serve any number of subscribers (no thread per subscriber; the fan-out is measured in docs/benchmarks.md).
     */
    private final ExecutorService senders = Executors.newFixedThreadPool(16, r -> new Thread(r, "event-stream-sender"));
    private volatile boolean running;

    LiveFeed(EventFeed feed, CloudEvents cloudEvents, PoolProperties pool) {
        this.feed = feed;
        this.cloudEvents = cloudEvents;
        this.heartbeatMillis = pool.stream().heartbeatMs();
        this.maxLag = pool.stream().maxLag();
    }

    /** {@code pool.stream.subscribers}: the Server-Sent Events connections open now. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("pool.stream.subscribers", subscribers, Set::size)
                .description("Server-Sent Events connections open now").register(registry);
    }

    private final class Subscriber {
        final SseEmitter emitter;
        volatile long cursor;
        volatile long lastSentAt = System.currentTimeMillis();
        final AtomicBoolean draining = new AtomicBoolean();
        final Predicate<CloudEvents.Entry> visible;
        final String origin;

        Subscriber(SseEmitter emitter, long cursor, Predicate<CloudEvents.Entry> visible, String origin) {
            this.emitter = emitter;
            this.cursor = cursor;
            this.visible = visible;
            this.origin = origin;
        }
    }

    /**
     * Streams the events after {@code after} (-1: from the start) that pass {@code visible}, then new ones as they are
     * stored; the filter is asked by one sender at a time, in order. Their {@code dataschema} links point at
     * {@code origin}.
     */
    public SseEmitter subscribe(long after, Predicate<CloudEvents.Entry> visible, String origin) {
        SseEmitter emitter = new SseEmitter(TimeUnit.HOURS.toMillis(1));
        Subscriber subscriber = new Subscriber(emitter, after, visible, origin);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        try {
            // Sent as soon as the stream opens, so that the client has the answer's headers at once, not at the first
            // event or heartbeat.
            emitter.send(SseEmitter.event().comment("open"));
        } catch (IOException gone) {
            return emitter;
        }
        subscribers.add(subscriber);
        senders.submit(() -> drain(subscriber));
        return emitter;
    }

    private void poll() {
        try {
            if (subscribers.isEmpty()) {
                // Nobody listens: no window (it starts at the head again with the next subscriber), rather than turning
                // every new event into a CloudEvent for nobody.
                windowFloor = Long.MAX_VALUE;
                window.clear();
                return;
            }
            if (windowFloor == Long.MAX_VALUE) {
                // Start the window at the head, so the poller never reads old history into it.
                head = feed.head();
                windowFloor = head;
            }
            long from = head;
            List<CloudEvents.Entry> fresh = feed.after(from, 1_000);
            for (CloudEvents.Entry entry : fresh) {
                window.put(entry.position(), entry);
                head = entry.position();
            }
            while (window.size() > WINDOW) {
                windowFloor = window.pollFirstEntry().getKey();
            }
            for (Subscriber subscriber : subscribers) {
                if (subscriber.cursor < head || System.currentTimeMillis() - subscriber.lastSentAt > heartbeatMillis) {
                    senders.submit(() -> drain(subscriber));
                }
            }
        } catch (RuntimeException e) {
            log.warn("event stream poll failed, retrying: {}", e.getMessage());
        }
    }

    private void drain(Subscriber subscriber) {
        if (!subscriber.draining.compareAndSet(false, true)) return;
        try {
            if (head - subscriber.cursor > maxLag && subscriber.cursor >= 0 && subscriber.cursor < windowFloor) {
                // Too far behind the head to be kept up with live: let it resume from where it is.
                subscriber.emitter.complete();
                return;
            }
            for (int pages = 0; pages < 5; pages++) {
                List<CloudEvents.Entry> page = next(subscriber.cursor);
                if (page.isEmpty()) break;
                boolean sent = false;
                for (CloudEvents.Entry entry : page) {
                    if (subscriber.visible.test(entry)) {
                        subscriber.emitter.send(SseEmitter.event().id(String.valueOf(entry.position())).name(entry.type())
                                .data(cloudEvents.json(entry, subscriber.origin), MediaType.APPLICATION_JSON));
                        sent = true;
                    }
                    subscriber.cursor = entry.position();
                }
                if (sent) subscriber.lastSentAt = System.currentTimeMillis();
            }
            if (System.currentTimeMillis() - subscriber.lastSentAt > heartbeatMillis) {
                subscriber.emitter.send(SseEmitter.event().comment("heartbeat"));
                subscriber.lastSentAt = System.currentTimeMillis();
            }
        } catch (Exception gone) {
            subscribers.remove(subscriber);
            subscriber.emitter.completeWithError(gone);
        } finally {
            subscriber.draining.set(false);
        }
    }

    /** The next events after a position: from the shared window when it covers them, else from the store. */
    private List<CloudEvents.Entry> next(long cursor) {
        if (windowFloor != Long.MAX_VALUE && cursor >= windowFloor) {
            List<CloudEvents.Entry> page = new ArrayList<>(PAGE);
            for (Map.Entry<Long, CloudEvents.Entry> e : window.tailMap(cursor, false).entrySet()) {
                page.add(e.getValue());
                if (page.size() == PAGE) break;
            }
            return page;
        }
        return feed.after(cursor, PAGE);
    }

    @Override
    public void start() {
        poller.scheduleWithFixedDelay(this::poll, 100, 100, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        subscribers.forEach(s -> s.emitter.complete());
        poller.shutdownNow();
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
