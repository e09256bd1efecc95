package cn.fengtai.pool.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Query latency at a fixed arrival rate (open loop: a request is due every 1/rate seconds whether or not the previous
 * one has been answered, and its latency counts from when it was due, so a slow answer cannot hide the requests queued
 * behind it). Warm-up requests first, so caches and the JIT are warm. A request that fails, takes longer than the
 * time-out, or finds {@value #MAX_IN_FLIGHT} requests still unanswered (the server is saturated: sending more would
 * only queue work behind them) counts with the time-out as its latency. Each request is sent synchronously from a
 * thread of a fixed pool: the JDK client's {@code sendAsync} hands every answer to {@code CompletableFuture}'s default
 * executor, which on two cores starts a new thread per task (38,000 threads in one run, measured with JFR).
 */
final class QueryLoad {

    record Latency(double p50Ms, double p99Ms, int requests, int failed) {
    }

    static final int MAX_IN_FLIGHT = 64;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8, QueryLoad::daemon)).build();
    private final ExecutorService senders = Executors.newFixedThreadPool(MAX_IN_FLIGHT, QueryLoad::daemon);
    private final String base;

    QueryLoad(String base) {
        this.base = base;
    }

    /** Sends requests at the rate for the duration, answers not counted. */
    void warm(int perSecond, Duration duration, IntFunction<String> path) throws Exception {
        run(perSecond, duration, path);
    }

    Latency measure(int perSecond, Duration warmUp, Duration measured, IntFunction<String> path) throws Exception {
        return measure(perSecond, warmUp, measured, path, n -> null);
    }

    /** With {@code ifNoneMatch} the n-th request is conditional on that ETag (none for null); a 304 is an answer. */
    Latency measure(int perSecond, Duration warmUp, Duration measured, IntFunction<String> path,
                    IntFunction<String> ifNoneMatch) throws Exception {
        run(perSecond, warmUp, path, ifNoneMatch);
        return run(perSecond, measured, path, ifNoneMatch);
    }

    private Latency run(int perSecond, Duration duration, IntFunction<String> path) throws Exception {
        return run(perSecond, duration, path, n -> null);
    }

    private Latency run(int perSecond, Duration duration, IntFunction<String> path, IntFunction<String> ifNoneMatch)
            throws Exception {
        int total = (int) (perSecond * duration.toMillis() / 1000);
        long interval = 1_000_000_000L / perSecond;
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> answers = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        AtomicInteger sent = new AtomicInteger();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        clock.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) return;
            long due = start + n * interval;
            try {
                send(path.apply(n), ifNoneMatch.apply(n), due, inFlight, latencies, failed, answers);
            } catch (RuntimeException e) {
                // an exception would silently end a fixed-rate task: count it and go on
                failed.incrementAndGet();
                latencies.add((double) TIMEOUT.toMillis());
            }
        }, 0, interval, TimeUnit.NANOSECONDS);
        while (sent.get() < total) Thread.sleep(20);
        clock.shutdown();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Latency(percentile(sorted, 0.50), percentile(sorted, 0.99), total, failed.get());
    }

    private void send(String path, String etag, long due, Semaphore inFlight, List<Double> latencies, AtomicInteger failed,
                      List<CompletableFuture<?>> answers) {
        if (!inFlight.tryAcquire()) {
            failed.incrementAndGet();
            latencies.add((double) TIMEOUT.toMillis());
            return;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET();
        if (etag != null) builder.header("If-None-Match", etag);
        HttpRequest request = builder.build();
        answers.add(CompletableFuture.runAsync(() -> {
            boolean answered;
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                answered = status == 200 || status == 304 && etag != null;
            } catch (IOException e) {
                answered = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answered = false;
            } finally {
                inFlight.release();
            }
            if (answered) {
                latencies.add((System.nanoTime() - due) / 1e6);
            } else {
                failed.incrementAndGet();
                latencies.add((double) TIMEOUT.toMillis());
            }
        }, senders));
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "query-load");
        thread.setDaemon(true);
        return thread;
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) return Double.NaN;
        return Math.round(sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) * 100) / 100.0;
    }
}
