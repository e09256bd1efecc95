package cn.fengtai.pool.standalone;

import cn.fengtai.pool.events.reference.ReferenceCodes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The append figures: signed-in clients driving projects through their life over HTTP (filing, approval, funding,
 * start, progress, completion), and the ceiling of the same database: the same number of clients inserting rows of
 * the same shape and size as the events just stored, one transaction per command, with plain JDBC.
 */
final class AppendLoad {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<String> STREETS = List.copyOf(ReferenceCodes.streets().keySet());

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AppendLoad(String base) {
        this.base = base;
    }

    /** The batch and the fund every client's projects use. */
    void prepare() {
        command("district", "/api/batches", "{\"id\":\"2026-1\",\"name\":\"基准批次\",\"year\":2026}");
        command("finance", "/api/funds", "{\"id\":\"2026\",\"year\":2026,\"budget\":900000000000}");
    }

    /**
     * Runs {@code clients} HTTP clients for the warm-up, then counts the commands answered 2xx for {@code measured}:
     * {rate, answered, refused, p50 ms, p99 ms} (latency from a command's send to its answer).
     */
    double[] http(int clients, Duration warmUp, Duration measured) throws InterruptedException {
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong done = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<String> firstRefusal = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String street = STREETS.get(c % STREETS.size());
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    String id = null;
                    for (String[] step : lifecycle(street)) {
                        if (!running.get()) break;
                        long sent = System.nanoTime();
                        String[] answer = post(step[0], step[1].replace("{id}", String.valueOf(id)), step[2]);
                        if (counting.get()) latencies.add(System.nanoTime() - sent);
                        int status = Integer.parseInt(answer[0]);
                        if (id == null) {
                            var match = ID.matcher(answer[1]);
                            if (match.find()) id = match.group(1);
                        }
                        if (counting.get()) {
                            if (status / 100 == 2) done.incrementAndGet();
                            else if (refused.incrementAndGet() == 1) firstRefusal.set(status + " " + step[1] + " " + answer[1]);
                        }
                        if (status / 100 != 2) break;
                    }
                }
            }, "append-client-" + c);
            thread.start();
            threads.add(thread);
        }
        double seconds = countFor(threads, counting, running, warmUp, measured);
        if (firstRefusal.get() != null) System.err.println("first refused command: " + firstRefusal.get());
        return new double[]{done.get() / seconds, done.get(), refused.get(), percentile(latencies, 0.50), percentile(latencies, 0.99)};
    }

    /**
     * Open loop: a project's life begun every {@code 6 / perSecond} seconds (its six commands one after the other, as a
     * clerk sends them), so about {@code perSecond} commands a second whatever the answers' speed, for {@code measured}
     * after {@code warmUp}: {commands a second, p50 ms, p99 ms, refused}.
     */
    double[] steady(int perSecond, Duration warmUp, Duration measured) throws InterruptedException {
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong refused = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean(false);
        java.util.concurrent.ExecutorService lives = java.util.concurrent.Executors.newFixedThreadPool(64);
        java.util.concurrent.ScheduledExecutorService clock = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.atomic.AtomicInteger begun = new java.util.concurrent.atomic.AtomicInteger();
        clock.scheduleAtFixedRate(() -> {
            String street = STREETS.get(begun.getAndIncrement() % STREETS.size());
            lives.execute(() -> {
                String id = null;
                for (String[] step : lifecycle(street)) {
                    long sent = System.nanoTime();
                    String[] answer = post(step[0], step[1].replace("{id}", String.valueOf(id)), step[2]);
                    boolean ok = Integer.parseInt(answer[0]) / 100 == 2;
                    if (counting.get()) {
                        latencies.add(System.nanoTime() - sent);
                        if (!ok) refused.incrementAndGet();
                    }
                    if (id == null) {
                        var match = ID.matcher(answer[1]);
                        if (match.find()) id = match.group(1);
                    }
                    if (!ok) break;
                }
            });
        }, 0, 6_000_000_000L / perSecond, java.util.concurrent.TimeUnit.NANOSECONDS);
        Thread.sleep(warmUp.toMillis());
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(measured.toMillis());
        counting.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        clock.shutdownNow();
        lives.shutdown();
        lives.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        return new double[]{latencies.size() / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99), refused.get()};
    }

    private static double percentile(List<Long> nanos, double p) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) return 0;
        java.util.Collections.sort(sorted);
        return Math.round(sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e4) / 100.0;
    }

    /** A project's life in commands: {user, path, body}; {id} is the id the filing answered with. */
    private static List<String[]> lifecycle(String street) {
        String user = "street." + street;
        String project = "/api/projects/{id}";
        return List.of(
                new String[]{user, "/api/projects", ("{\"street\":\"%s\",\"community\":\"基准社区\","
                        + "\"title\":\"停车秩序治理\",\"category\":\"CONVENIENT_TRAVEL\",\"issueTypes\":[\"PARKING\"],"
                        + "\"channel\":\"DOOR_VISIT\",\"estimatedCost\":120000}").formatted(street)},
                new String[]{"district", project + "/approve", "{\"batch\":\"2026-1\",\"responsibleUnit\":\"街道\","
                        + "\"deadline\":\"2026-12-31\",\"tasks\":[\"施划车位\"]}"},
                new String[]{"finance", project + "/fund", "{\"fund\":\"2026\",\"amount\":1000}"},
                new String[]{user, project + "/start", ""},
                new String[]{user, project + "/progress", "{\"percent\":60,\"note\":\"过半\"}"},
                new String[]{user, project + "/complete", "{\"actualCost\":1000,\"summary\":\"完成\"}"});
    }

    /**
     * The raw ceiling: {@code clients} threads, each with its own connection, inserting rows copied from the stored
     * events (same columns, same payload sizes, the same unique indexes) into a twin of the event table, one
     * transaction per row, for {@code measured}.
     */
    static double rawCeiling(PostgresSchema schema, int port, int clients, Duration warmUp, Duration measured) throws Exception {
        List<Object[]> samples = new ArrayList<>();
        try (Connection connection = schema.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE raw_event (LIKE domain_event_entry INCLUDING DEFAULTS INCLUDING INDEXES)");
            try (ResultSet rows = statement.executeQuery("SELECT type, payload_type, payload_revision, time_stamp, "
                    + "payload, meta_data FROM domain_event_entry ORDER BY global_index LIMIT 600")) {
                while (rows.next()) {
                    samples.add(new Object[]{rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getBytes(5), rows.getBytes(6)});
                }
            }
        }
        AtomicLong done = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = schema.connect(port)) {
                    connection.setAutoCommit(false);
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO raw_event (event_identifier, "
                            + "aggregate_identifier, sequence_number, type, payload_type, payload_revision, time_stamp, "
                            + "payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    long n = 0;
                    while (running.get()) {
                        Object[] sample = samples.get((int) (n++ % samples.size()));
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, UUID.randomUUID().toString());
                        insert.setLong(3, 0);
                        for (int i = 0; i < 4; i++) insert.setString(4 + i, (String) sample[i]);
                        insert.setBytes(8, (byte[]) sample[4]);
                        insert.setBytes(9, (byte[]) sample[5]);
                        insert.executeUpdate();
                        connection.commit();
                        if (counting.get()) done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "raw-client-" + c);
            thread.start();
            threads.add(thread);
        }
        double seconds = countFor(threads, counting, running, warmUp, measured);
        return done.get() / seconds;
    }

    /** Lets the running clients warm up, counts for {@code measured}, stops them; answers the seconds counted. */
    private static double countFor(List<Thread> clients, AtomicBoolean counting, AtomicBoolean running, Duration warmUp,
                                   Duration measured) throws InterruptedException {
        Thread.sleep(warmUp.toMillis());
        long start = System.nanoTime();
        counting.set(true);
        Thread.sleep(measured.toMillis());
        counting.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread client : clients) client.join();
        return seconds;
    }

    private void command(String user, String path, String body) {
        String[] answer = post(user, path, body);
        if (!answer[0].startsWith("2")) throw new IllegalStateException(path + " answered " + answer[0] + " " + answer[1]);
    }

    /** {status, body}; 599 when the request did not get an answer. */
    private String[] post(String user, String path, String body) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new String[]{String.valueOf(response.statusCode()), response.body()};
        } catch (Exception e) {
            return new String[]{"599", String.valueOf(e)};
        }
    }
}
