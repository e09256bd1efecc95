package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone application, in its own process under concurrent command load, is killed with SIGKILL and started
 * again on the same data folder. Every command that was answered with success is stored, exactly once; the read
 * models, the integrator feed and the audit chain all converge to the events.
 */
class CrashTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedCommandSurvivesAKill9() throws Exception {
        int port = PoolProcess.freePort();
        Process app = launch(port);
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        try {
            PoolProcess.awaitReady(port, Duration.ofSeconds(90));
            assertThat(post(port, "district", "/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}").statusCode()).isEqualTo(201);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(6);
            for (int c = 0; c < 6; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> filed = post(port, "street.lugouqiao", "/api/projects", """
                                    {"street":"lugouqiao","title":"道路维修","category":"CONVENIENT_TRAVEL","issueTypes":["ROAD_REPAIR"],
                                     "channel":"HOTLINE","estimatedCost":1000}""");
                            if (filed.statusCode() != 201) continue;
                            String id = JSON.readTree(filed.body()).path("id").asString();
                            acknowledged.put(id, 0L);
                            HttpResponse<String> approved = post(port, "district", "/api/projects/" + id + "/approve",
                                    "{\"batch\":\"2024-1\",\"responsibleUnit\":\"卢沟桥街道\",\"deadline\":\"2024-06-30\",\"tasks\":[\"修路\"]}");
                            if (approved.statusCode() == 200) acknowledged.put(id, JSON.readTree(approved.body()).path("version").asLong());
                        } catch (Exception connectionGone) {
                            // the process is being killed: whatever was not answered may or may not be stored
                        }
                    }
                });
            }
            Thread.sleep(4_000);
            app.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
            app.waitFor(10, TimeUnit.SECONDS);
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(10, TimeUnit.SECONDS);
        } finally {
            app.destroyForcibly();
        }
        assertThat(acknowledged).as("the load produced acknowledged commands").hasSizeGreaterThan(20);

        Process again = launch(port);
        try {
            PoolProcess.awaitReady(port, Duration.ofSeconds(90));
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                HttpResponse<String> history = get(port, "auditor", "/api/projects/" + ack.getKey() + "/history");
                assertThat(history.statusCode()).as("acknowledged project %s is stored", ack.getKey()).isEqualTo(200);
                List<Long> sequences = new ArrayList<>();
                JSON.readTree(history.body()).path("events").forEach(e -> sequences.add(e.path("sequence").asLong()));
                assertThat(sequences).as("events of %s", ack.getKey()).doesNotHaveDuplicates().isSorted()
                        .contains(ack.getValue());
            }
            long stored = feedCount(port);
            JsonNode verdict = await(port, "/api/audit/verify", v -> v.path("valid").asBoolean());
            assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isTrue();
            assertThat(verdict.path("events").asLong()).isEqualTo(stored);
            // Every filing in the events has its view once the projects read model has caught up with the head:
            // the token of a batch is stored only after the batch's views (QueryConfiguration).
            Map<String, Long> filings = filingPositions(port);
            await(port, "/api/admin/projections", list -> list.get(0).path("position").asLong() >= list.get(0).path("headPosition").asLong());
            for (Map.Entry<String, Long> filing : filings.entrySet()) {
                assertThat(get(port, "auditor", "/api/projects/" + filing.getKey()).statusCode())
                        .as("view of project %s filed at position %d", filing.getKey(), filing.getValue()).isEqualTo(200);
            }
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                JsonNode view = JSON.readTree(get(port, "auditor", "/api/projects/" + ack.getKey()).body());
                assertThat(view.path("version").asLong()).as("view of %s", ack.getKey()).isGreaterThanOrEqualTo(ack.getValue());
            }
            JsonNode page = JSON.readTree(get(port, "auditor", "/api/projects?size=1").body());
            assertThat(page.path("total").asLong()).as("read model converged to the events").isEqualTo(filings.size());
        } finally {
            again.destroyForcibly();
            again.waitFor(10, TimeUnit.SECONDS);
        }
    }



    private long feedCount(int port) throws Exception {
        long count = 0;
        long after = -1;
        while (true) {
            JsonNode page = JSON.readTree(get(port, "auditor", "/api/events?limit=1000&after=" + after).body());
            if (page.path("events").isEmpty()) return count;
            count += page.path("events").size();
            after = page.path("next").asLong();
        }
    }

    /** Each filed project and the position of its filing, from the integrator feed. */
    private Map<String, Long> filingPositions(int port) throws Exception {
        Map<String, Long> filings = new java.util.TreeMap<>();
        long after = -1;
        while (true) {
            JsonNode page = JSON.readTree(get(port, "auditor", "/api/events?limit=1000&after=" + after).body());
            if (page.path("events").isEmpty()) return filings;
            for (JsonNode e : page.path("events")) {
                if (e.path("type").asString().startsWith("cn.fengtai.pool.project.ProjectFiled.")) {
                    filings.put(e.path("subject").asString(), e.path("position").asLong());
                }
            }
            after = page.path("next").asLong();
        }
    }

    private JsonNode await(int port, String path, java.util.function.Predicate<JsonNode> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode body = JSON.readTree(get(port, "auditor", path).body());
        while (!condition.test(body) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            body = JSON.readTree(get(port, "auditor", path).body());
        }
        return body;
    }

    private HttpResponse<String> post(int port, String user, String path, String body) throws Exception {
        return http.send(request(port, user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String user, String path) throws Exception {
        return http.send(request(port, user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(int port, String user, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private Process launch(int port) throws IOException {
        return PoolProcess.launch("512m", data.resolveSibling(data.getFileName() + ".log"),
                List.of("--pool.data-dir=" + data, "--server.port=" + port));
    }
}
