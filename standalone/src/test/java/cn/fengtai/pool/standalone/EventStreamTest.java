package cn.fengtai.pool.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integrators' feed, used as an integrator would: page through the whole history, stop anywhere, resume with the
 * last id and get exactly the rest, then new events live over Server-Sent Events; every event a valid CloudEvent whose
 * data matches the JSON Schema its {@code dataschema} names.
 */
class EventStreamTest {

    @TempDir
    static Path data;
    static RunningPool pool;


    @BeforeAll
    static void start() {
        pool = RunningPool.start(data);
        RunningPool district = pool.as("district");
        district.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
        for (int i = 0; i < 12; i++) {
            String id = pool.as("street.changxindian").post("/api/projects", """
                    {"street":"changxindian","title":"自行车停放 %d","category":"CONVENIENT_TRAVEL","issueTypes":["BICYCLE_MANAGEMENT"],
                     "channel":"WECHAT","estimatedCost":2000}""".formatted(i)).body().path("id").asString();
            district.post("/api/projects/" + id + "/approve",
                    "{\"batch\":\"2024-1\",\"responsibleUnit\":\"长辛店街道\",\"deadline\":\"2024-06-30\",\"tasks\":[\"划线\"]}");
        }

    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void pagesThroughTheWholeHistoryInOrderEachEventOnce() throws Exception {
        List<Long> positions = new ArrayList<>();
        long after = -1;
        JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, JsonSchema> bySchemaUrl = new ConcurrentHashMap<>();
        ObjectMapper json = new ObjectMapper();
        while (true) {
            RunningPool.Answer page = pool.as("auditor").get("/api/events?limit=7&after=" + after);
            assertThat(page.status()).isEqualTo(200);
            JsonNode events = page.body().path("events");
            if (events.isEmpty()) {
                assertThat(page.body().path("next").asLong()).isEqualTo(after);
                break;
            }
            for (JsonNode node : events) {
                CloudEvent event = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE)
                        .deserialize(node.toString().getBytes(StandardCharsets.UTF_8));
                assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
                assertThat(event.getType()).startsWith("cn.fengtai.pool.");
                assertThat(event.getSubject()).isNotBlank();
                assertThat(event.getTime()).isNotNull();
                long position = ((Number) event.getExtension("position")).longValue();
                positions.add(position);
                String schemaUrl = event.getDataSchema().toString();
                // pool.public-url is not set here: the links name the origin the reader asked at.
                assertThat(schemaUrl).startsWith(pool.base + "/api/schemas/");
                JsonSchema schema = bySchemaUrl.computeIfAbsent(schemaUrl, url -> {
                    RunningPool.Answer answer = pool.get(url.substring(url.indexOf("/api/")));
                    assertThat(answer.status()).as(url).isEqualTo(200);
                    return schemas.getSchema(answer.raw().body());
                });
                assertThat(schema.validate(json.readTree(event.getData().toBytes()))).as(event.getType()).isEmpty();
            }
            after = page.body().path("next").asLong();
        }
        assertThat(positions).hasSize((int) pool.storedEvents()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theFeedIsForSignedInCallersAndValidatesItsParameters() {
        assertThat(pool.get("/api/events").status()).isEqualTo(401);
        assertThat(pool.get("/api/events/stream").status()).isEqualTo(401);
        assertThat(pool.as("auditor").get("/api/events?after=-5").status()).isEqualTo(400);
        assertThat(pool.as("auditor").get("/api/events?limit=100000").status()).isEqualTo(400);
        String asyncApi = pool.get("/api/asyncapi.yaml").raw().body();
        assertThat(asyncApi).contains("asyncapi: 3.0.0")
                .contains("    host: " + URI.create(pool.base).getRawAuthority() + "\n    protocol: http\n");
        assertThat(pool.get("/api/schemas/nothing.json").status()).isEqualTo(404);
    }

    @Test
    void aStreamResumesAfterTheLastIdThenDeliversNewEventsLive() throws Exception {
        List<Long> all = new ArrayList<>();
        pool.as("auditor").get("/api/events?limit=1000").body().path("events")
                .forEach(e -> all.add(e.path("position").asLong()));
        long lastSeen = all.get(all.size() / 2);
        List<Long> rest = all.subList(all.size() / 2 + 1, all.size());

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(pool.base + "/api/events/stream"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("auditor:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Last-Event-ID", String.valueOf(lastSeen)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<Long> received = new ArrayList<>();
            while (received.size() < rest.size()) {
                received.add(nextEventId(lines));
            }
            assertThat(received).isEqualTo(rest);

            long before = System.nanoTime();
            pool.as("finance").post("/api/funds", "{\"id\":\"2024\",\"year\":2024,\"budget\":1000000}");
            long live = nextEventId(lines);
            long latencyMillis = (System.nanoTime() - before) / 1_000_000;
            assertThat(live).isGreaterThan(rest.get(rest.size() - 1));
            System.out.println("live event " + live + " arrived " + latencyMillis + " ms after the command was sent");
        }
    }

    @Test
    void theStreamOpensAtOnceAndNamesItsCharset() throws Exception {
        // A department summoned nowhere sees no event: the answer must still arrive at once, not at the heartbeat.
        long before = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create(pool.base + "/api/events/stream?after=-1"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("dept.water-affairs:demo"
                        .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
        System.out.println("stream headers after " + (System.nanoTime() - before) / 1_000_000 + " ms");
        response.body().close();
    }

    @Test
    void theStreamTakesTheFeedsFilters() throws Exception {
        JsonNode all = pool.as("auditor").get("/api/events?limit=1000").body().path("events");
        Map<String, Integer> counts = new java.util.HashMap<>();
        all.forEach(e -> counts.merge(e.path("subject").asString(), 1, Integer::sum));
        String subject = counts.entrySet().stream().filter(e -> e.getValue() > 1).findFirst().orElseThrow().getKey();
        List<Long> expected = new ArrayList<>();
        all.forEach(e -> {
            if (e.path("subject").asString().equals(subject)) expected.add(e.path("position").asLong());
        });
        assertThat(expected).hasSizeGreaterThan(1).hasSizeLessThan(all.size());
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(pool.base + "/api/events/stream?after=-1&subject=" + subject))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("auditor:demo".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<Long> received = new ArrayList<>();
            while (received.size() < expected.size()) received.add(nextEventId(lines));
            assertThat(received).isEqualTo(expected);
        }
        assertThat(pool.as("auditor").get("/api/events/stream?type=no.such.type").status()).isEqualTo(400);
        assertThat(pool.as("auditor").get("/api/events/stream?street=nowhere").status()).isEqualTo(400);
    }

    /** Reads SSE lines up to the end of the next event and answers its id; heartbeats (comments) are skipped. */
    private static long nextEventId(BufferedReader lines) throws Exception {
        String id = null;
        boolean data = false;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("id:")) id = line.substring(3).strip();
            if (line.startsWith("data:")) data = true;
            if (line.isEmpty() && id != null && data) return Long.parseLong(id);
        }
        throw new IllegalStateException("the stream ended");
    }
}
