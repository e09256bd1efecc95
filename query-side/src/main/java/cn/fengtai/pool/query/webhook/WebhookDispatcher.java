package cn.fengtai.pool.query.webhook;

import cn.fengtai.pool.query.stream.CloudEvents;
import cn.fengtai.pool.query.stream.EventFeed;
import cn.fengtai.pool.query.stream.FeedAccess;
import cn.fengtai.pool.query.stream.Lease;
import cn.fengtai.pool.wiring.PoolProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers the feed to each subscription in store order, the next event only after the previous one was answered 2xx,
 * each subscription on its own cursor, so a receiver that is down holds back only its own events. A failure is
 * retried with doubling delays and jitter; past {@code pool.webhooks.retry-window} the subscription is disabled with
 * its cursor kept, and {@code redeliver} takes it up again.
 * <p>
 * Not an Axon processor: a processor's token is one cursor for all its handlers, and one receiver that is down would
 * hold back every other. One instance delivers at a time: it holds a lease in MongoDB, renewed every round and taken
 * over by another instance when it lapses (the holder died); delivery is at least once (a crash between a receiver's
 * 2xx and the cursor's write sends that event again, with the same {@code webhook-id}).
 */
@Component
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int EVENTS_PER_ROUND = 20;

    private final MongoTemplate mongo;
    private final EventFeed feed;
    private final FeedAccess access;
    private final PoolProperties.Webhooks settings;
    private final MeterRegistry meters;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http;
    private final Lease lease;
    private final java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "webhook-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock = Clock.systemUTC();

    WebhookDispatcher(MongoTemplate mongo, EventFeed feed, FeedAccess access, PoolProperties pool, MeterRegistry meters) {
        this.mongo = mongo;
        this.feed = feed;
        this.access = access;
        this.settings = pool.webhooks();
        this.meters = meters;
        this.lease = new Lease(mongo, "webhook-dispatcher", Duration.ofSeconds(15));
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(Math.min(settings.timeoutMs(), 5_000))).build();
    }

    @Scheduled(fixedDelayString = "${pool.webhooks.poll-ms:500}")
    void deliverDue() {
        if (!mongo.exists(Query.query(Criteria.where("enabled").is(true)), Subscription.class) || !lease.hold()) return;
        Instant now = clock.instant();
        Query due = Query.query(Criteria.where("enabled").is(true).orOperator(Criteria.where("nextAttemptAt").is(null),
                Criteria.where("nextAttemptAt").lte(now)));
        // Each subscription on a thread of the pool, so a receiver that takes its time holds back only its own events.
        List<java.util.concurrent.Future<?>> rounds = new java.util.ArrayList<>();
        for (Subscription subscription : mongo.find(due, Subscription.class)) {
            rounds.add(senders.submit(() -> {
                try {
                    deliver(subscription);
                } catch (RuntimeException e) {
                    log.warn("webhook {}: delivery round failed: {}", subscription.id(), e.toString());
                }
            }));
        }
        for (java.util.concurrent.Future<?> round : rounds) {
            try {
                round.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("webhook delivery round failed: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    private void deliver(Subscription subscription) {
        long cursor = subscription.position();
        long saved = cursor;
        boolean failing = subscription.attempts() > 0;
        int sent = 0;
        List<CloudEvents.Entry> events = feed.after(cursor, 200);
        for (CloudEvents.Entry event : events) {
            if (!matches(subscription, event)) {
                cursor = event.position();
                continue;
            }
            // A long round renews the lease as it goes; if another instance took it meanwhile, this one stops here.
            if (!lease.hold()) break;
            int status = post(subscription, event);
            if (status / 100 != 2) {
                failed(subscription, cursor, event, status);
                return;
            }
            cursor = event.position();
            delivered(subscription, event);
            // The cursor moves with each delivered event: after a crash only the event in flight is sent again.
            advance(subscription, cursor);
            saved = cursor;
            failing = false;
            if (++sent == EVENTS_PER_ROUND) break;
        }
        if (cursor != saved || failing) advance(subscription, cursor);
    }

    private void advance(Subscription subscription, long cursor) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(subscription.id())), new Update().set("position", cursor)
                .set("attempts", 0).set("nextAttemptAt", null).set("failingSince", null).set("lastError", null),
                Subscription.class);
    }

    private boolean matches(Subscription subscription, CloudEvents.Entry event) {
        if (!subscription.types().isEmpty() && !subscription.types().contains(event.type())) return false;
        if (subscription.streets().isEmpty()) return true;
        return event.projectEvent() && subscription.streets().contains(access.streetOf(event.subject()));
    }

    /** The receiver's HTTP status, or 0 when it could not be reached or did not answer in time. */
    private int post(Subscription subscription, CloudEvents.Entry event) {
        String id = json.readTree(event.json()).path("id").asString();
        try {
            URI target = WebhookTargets.check(subscription.url(), settings.allowPrivateAddresses());
            long timestamp = clock.instant().getEpochSecond();
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(target)
                    .timeout(Duration.ofMillis(settings.timeoutMs()))
                    .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                    .header("webhook-id", id).header("webhook-timestamp", String.valueOf(timestamp))
                    .header("webhook-signature", StandardWebhooks.sign(subscription.secret(), id, timestamp, event.json()))
                    .POST(HttpRequest.BodyPublishers.ofString(event.json())).build(), HttpResponse.BodyHandlers.discarding());
            meters.counter("pool.webhooks.deliveries", "outcome", answer.statusCode() / 100 == 2 ? "delivered" : "failed").increment();
            return answer.statusCode();
        } catch (WebhookTargets.Refused refused) {
            note(subscription, refused.getMessage());
            return 0;
        } catch (java.io.IOException e) {
            meters.counter("pool.webhooks.deliveries", "outcome", "failed").increment();
            note(subscription, "no answer: " + e.getClass().getSimpleName());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void note(Subscription subscription, String error) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(subscription.id())), Update.update("lastError", error),
                Subscription.class);
    }

    private void delivered(Subscription subscription, CloudEvents.Entry event) {
        record(subscription, event, "DELIVERED", 200, null);
    }

    private void failed(Subscription subscription, long cursor, CloudEvents.Entry event, int status) {
        Instant now = clock.instant();
        int attempts = subscription.attempts() + 1;
        Instant failingSince = subscription.failingSince() == null ? now : subscription.failingSince();
        long delay = Math.min(settings.maxRetryDelayMs(), settings.retryBaseMs() << Math.min(attempts - 1, 30));
        delay += ThreadLocalRandom.current().nextLong(Math.max(1, delay / 4));
        boolean givingUp = Duration.between(failingSince, now).compareTo(settings.retryWindow()) > 0;
        Instant next = now.plusMillis(delay);
        Update update = new Update().set("position", cursor).set("attempts", attempts).set("failingSince", failingSince)
                .set("nextAttemptAt", givingUp ? null : next);
        if (status != 0) update.set("lastError", "answered " + status);
        if (givingUp) update.set("enabled", false);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(subscription.id())), update, Subscription.class);
        record(subscription, event, givingUp ? "FAILED" : "PENDING", status == 0 ? null : status, givingUp ? null : next);
        if (givingUp) log.warn("webhook {} disabled after failing since {}; its cursor stays at {}", subscription.id(), failingSince, cursor);
    }

    private void record(Subscription subscription, CloudEvents.Entry event, String status, Integer lastStatus, Instant next) {
        String eventId = json.readTree(event.json()).path("id").asString();
        mongo.upsert(Query.query(Criteria.where("_id").is(subscription.id() + ":" + eventId)), new Update()
                .set("subscription", subscription.id()).set("eventId", eventId).set("position", event.position())
                .set("status", status).inc("attempts", 1).set("lastStatus", lastStatus).set("nextAttemptAt", next)
                .set("updatedAt", clock.instant()), Delivery.class);
    }
}
