package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/prometheus} shows the commands by outcome, the appends, each read model's position and lag, the live
 * stream's subscribers and Axon's own meters, moving as the application is driven; operators read it, nobody else.
 */
class MetricsTest {

    @TempDir
    static Path data;
    static RunningPool pool;

    @BeforeAll
    static void start() {
        pool = RunningPool.start(data);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void onlyOperatorsReadTheMetrics() {
        assertThat(pool.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(pool.as("street.xiluoyuan").get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(pool.as("auditor").get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(pool.as("district").get("/actuator/prometheus").raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/plain");
    }

    @Test
    void commandsAppendsAndProjectionsAreCountedAsTheyHappen() throws Exception {
        Map<String, Double> before = metrics();
        assertThat(pool.as("district").post("/api/batches", "{\"id\":\"2024-9\",\"name\":\"计量批\",\"year\":2024}").status())
                .isEqualTo(201);
        String id = pool.as("street.xiluoyuan").post("/api/projects", """
                {"street":"xiluoyuan","title":"停车秩序治理","category":"CONVENIENT_TRAVEL","issueTypes":["PARKING"],"channel":"HOTLINE","estimatedCost":1000}""")
                .body().path("id").asString();
        assertThat(pool.as("street.xiluoyuan").post("/api/projects/" + id + "/progress", "{\"percent\":10}").status())
                .isEqualTo(409);
        pool.awaitCaughtUp();

        Map<String, Double> after = metrics();
        assertThat(delta(before, after, "pool_commands_total{command=\"CreateBatch\",outcome=\"accepted\",refusal=\"none\"}")).isEqualTo(1);
        assertThat(delta(before, after, "pool_commands_total{command=\"FileProject\",outcome=\"accepted\",refusal=\"none\"}")).isEqualTo(1);
        assertThat(delta(before, after, "pool_commands_total{command=\"ReportProgress\",outcome=\"refused\",refusal=\"illegal_transition\"}"))
                .isEqualTo(1);
        assertThat(after).doesNotContainKey("pool_commands_total{command=\"ReportProgress\",outcome=\"accepted\",refusal=\"none\"}");
        assertThat(delta(before, after, "pool_events_appended_total")).as("a batch created, a project filed").isEqualTo(2);
        assertThat(delta(before, after, "pool_append_lock_held_seconds_count")).isGreaterThanOrEqualTo(1);

        double head = after.get("pool_events_head");
        assertThat(head).isEqualTo(pool.storedEvents());
        for (String readModel : new String[]{"projects", "batches", "funds", "appeal-volumes"}) {
            assertThat(after.get("pool_projections_position{readModel=\"" + readModel + "\"}")).as(readModel).isEqualTo(head);
            assertThat(after.get("pool_projections_lag{readModel=\"" + readModel + "\"}")).as(readModel).isZero();
            assertThat(after.get("pool_projections_parked{readModel=\"" + readModel + "\"}")).as(readModel).isZero();
            assertThat(after.get("pool_projections_rebuild_progress{readModel=\"" + readModel + "\"}")).as(readModel).isEqualTo(1);
        }
        // Axon's own meters, through axon-micrometer.
        assertThat(delta(before, after, "commandBus_successCounter_total{payloadType=\"FileProject\"}")).isEqualTo(1);
        assertThat(delta(before, after, "commandBus_failureCounter_total{payloadType=\"ReportProgress\"}")).isEqualTo(1);
        assertThat(after.keySet()).anyMatch(name -> name.startsWith("eventProcessor_processedCounter_total{")
                && name.contains("processorName=\"projects\""));
        // Capacity is the rate of this total (ProcessorMetricsAutoConfiguration).
        assertThat(after.keySet()).anyMatch(name -> name.startsWith("eventProcessor_allTimer_seconds_sum{")
                && name.contains("processorName=\"projects\""));
    }

    @Test
    void theLiveStreamsSubscribersAreCounted() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(pool.base + "/api/events/stream"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("auditor:demo".getBytes()))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            assertThat(body.read()).isNotEqualTo(-1);
            assertThat(metrics().get("pool_stream_subscribers")).isGreaterThanOrEqualTo(1);
        }
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        assertThat(after).containsKey(name);
        return after.get(name) - before.getOrDefault(name, 0.0);
    }

    /** The Prometheus text format read into series and values. */
    private static Map<String, Double> metrics() {
        RunningPool.Answer answer = pool.as("district").get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        Map<String, Double> series = new HashMap<>();
        for (String line : answer.raw().body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return series;
    }
}
