package cn.fengtai.pool.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 26, goal 4: the live stream to many subscribers at once. {@code subscribers} signed-in clients hold
 * {@code /api/events/stream} open (each a non-blocking line subscriber of the JDK client: no thread per
 * subscriber on this side either), while funds are created at {@code perSecond} for {@code measured}; every
 * subscriber must receive every event, in order. Per event, the time from its append (the CloudEvent's {@code time})
 * to its arrival at the last subscriber; the p99 of that over the same figure with one subscriber is the fan-out
 * ratio. The application's live threads are counted at the end.
 */
final class StreamFanOut {

    private static final Pattern POSITION = Pattern.compile("\"position\":(\\d+)");
    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");
    private static final String AUDITOR = "Basic " + Base64.getEncoder().encodeToString("auditor:demo".getBytes(StandardCharsets.UTF_8));

    private StreamFanOut() {
    }

    static Map<String, Object> run(RunningPool pool, int subscribers, int perSecond, Duration measured) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        Result one = measure(pool, 1, perSecond, Duration.ofSeconds(Math.min(20, measured.toSeconds())), "single");
        Result many = measure(pool, subscribers, perSecond, measured, "fan");
        figures.put("subscribers", subscribers);
        figures.put("eventsPerSecond", perSecond);
        figures.put("events", many.events);
        figures.put("everyEventInOrderAtEverySubscriber", many.complete && one.complete);
        figures.put("oneSubscriberP99Ms", one.p99Ms);
        figures.put("lastSubscriberP99Ms", many.p99Ms);
        figures.put("fanoutRatio", Math.round(many.p99Ms / Math.max(0.001, one.p99Ms) * 100) / 100.0);
        figures.put("liveThreads", many.threads);
        return figures;
    }

    private record Result(int events, boolean complete, double p99Ms, int threads) {
    }

    private static Result measure(RunningPool pool, int subscribers, int perSecond, Duration measured, String prefix)
            throws Exception {
        long head = pool.storedEvents();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Map<Long, Long>> arrivals = new ArrayList<>();
        List<List<Long>> orders = new ArrayList<>();
        Map<Long, Instant> appended = new ConcurrentHashMap<>();
        List<Flow.Subscription> streams = new CopyOnWriteArrayList<>();
        for (int s = 0; s < subscribers; s++) {
            Map<Long, Long> arrived = new ConcurrentHashMap<>();
            List<Long> order = new CopyOnWriteArrayList<>();
            arrivals.add(arrived);
            orders.add(order);
            http.sendAsync(HttpRequest.newBuilder(URI.create(pool.base + "/api/events/stream?type=cn.fengtai.pool.fund.FundCreated.v1"))
                    .header("Authorization", AUDITOR).header("Last-Event-ID", String.valueOf(head)).build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                        @Override
                        public void onSubscribe(Flow.Subscription subscription) {
                            streams.add(subscription);
                            subscription.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(String line) {
                            if (!line.startsWith("data:")) return;
                            long now = System.currentTimeMillis();
                            Matcher position = POSITION.matcher(line);
                            Matcher time = TIME.matcher(line);
                            if (position.find() && time.find()) {
                                long p = Long.parseLong(position.group(1));
                                arrived.put(p, now);
                                order.add(p);
                                appended.putIfAbsent(p, Instant.parse(time.group(1)));
                            }
                        }

                        @Override
                        public void onError(Throwable throwable) {
                        }

                        @Override
                        public void onComplete() {
                        }
                    }));
        }
        Thread.sleep(3_000 + subscribers * 5L); // every stream open
        int events = (int) (perSecond * measured.toSeconds());
        RunningPool finance = pool.as("finance");
        long interval = 1_000 / perSecond;
        long start = System.currentTimeMillis();
        for (int i = 0; i < events; i++) {
            long due = start + i * interval;
            long wait = due - System.currentTimeMillis();
            if (wait > 0) Thread.sleep(wait);
            finance.post("/api/funds", "{\"id\":\"" + prefix + "-" + head + "-" + i + "\",\"year\":2026,\"budget\":1000}");
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && arrivals.stream().anyMatch(a -> a.size() < events)) Thread.sleep(200);
        boolean complete = true;
        for (int s = 0; s < subscribers; s++) {
            List<Long> order = orders.get(s);
            List<Long> sorted = new ArrayList<>(order);
            Collections.sort(sorted);
            complete &= arrivals.get(s).size() == events && order.equals(sorted) && order.size() == events;
        }
        List<Long> lastArrival = new ArrayList<>();
        for (Map.Entry<Long, Instant> event : appended.entrySet()) {
            long last = 0;
            for (Map<Long, Long> arrived : arrivals) last = Math.max(last, arrived.getOrDefault(event.getKey(), Long.MAX_VALUE / 2));
            lastArrival.add(last - event.getValue().toEpochMilli());
        }
        Collections.sort(lastArrival);
        double p99 = lastArrival.isEmpty() ? 0 : lastArrival.get((int) Math.min(lastArrival.size() - 1, Math.ceil(0.99 * lastArrival.size()) - 1));
        int threads = Thread.activeCount();
        streams.forEach(Flow.Subscription::cancel); // each stream closed
        return new Result(events, complete, p99, threads);
    }
}
