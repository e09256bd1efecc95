package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reading rules ({@code ReadingRules}) hold for every reader and every way in: the feed, its stream, lists,
 * detail and the past. Three projects: one listed in Xiluoyuan with the transport bureau summoned, one unlisted in
 * Xiluoyuan, one unlisted in Fengtai.
 */
class ReadingRulesTest {

    @TempDir
    static Path data;
    static RunningPool pool;
    static String listed;
    static String unlisted;
    static String other;

    @BeforeAll
    static void start() {
        pool = RunningPool.start(data, "pool.stream.heartbeat-ms=300");
        RunningPool district = pool.as("district");
        district.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
        listed = file("xiluoyuan");
        unlisted = file("xiluoyuan");
        other = file("fengtai");
        district.post("/api/projects/" + listed + "/approve",
                "{\"batch\":\"2024-1\",\"responsibleUnit\":\"西罗园街道\",\"deadline\":\"2024-06-30\",\"tasks\":[\"施划\"]}");
        pool.as("street.xiluoyuan").post("/api/projects/" + listed + "/summon", "{\"departments\":[\"transport\"]}");
        RunningPool auditor = pool.as("auditor");
        auditor.await("/api/projects/" + listed + "?minVersion=2", p -> true);
        auditor.await("/api/projects/" + unlisted + "?minVersion=0", p -> true);
        auditor.await("/api/projects/" + other + "?minVersion=0", p -> true);
    }

    private static String file(String street) {
        return pool.as("street." + street).post("/api/projects", """
                {"street":"%s","title":"停车治理","description":"居民马先生 13800000000","category":"CONVENIENT_TRAVEL",
                 "issueTypes":["PARKING"],"channel":"HOTLINE","appealRefs":["12345-2024-0001"],"estimatedCost":1000}"""
                .formatted(street)).body().path("id").asString();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    /** Who reads which projects' events (and whether the batches' and funds' events too). */
    static Stream<Arguments> readers() {
        return Stream.of(
                Arguments.of("district", Set.of("listed", "unlisted", "other"), true),
                Arguments.of("finance", Set.of("listed", "unlisted", "other"), true),
                Arguments.of("auditor", Set.of("listed", "unlisted", "other"), true),
                Arguments.of("street.xiluoyuan", Set.of("listed", "unlisted"), false),
                Arguments.of("street.fengtai", Set.of("other"), false),
                Arguments.of("dept.transport", Set.of("listed"), false),
                Arguments.of("dept.water-affairs", Set.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void theFeedShowsEachReaderTheEventsOfTheProjectsItMayInspect(String user, Set<String> projects, boolean whole) {
        List<JsonNode> events = new ArrayList<>();
        pool.as(user).get("/api/events?after=-1&limit=1000").body().path("events").forEach(events::add);
        assertThat(projectsIn(events)).isEqualTo(projects);
        assertThat(events.stream().anyMatch(e -> e.path("type").asString().contains(".batch."))).isEqualTo(whole);

        // Page by page the same, each page moving past what the reader may not see.
        List<JsonNode> paged = new ArrayList<>();
        long after = -1;
        for (int page = 0; page < 50; page++) {
            JsonNode answer = pool.as(user).get("/api/events?limit=1&after=" + after).body();
            answer.path("events").forEach(paged::add);
            if (answer.path("next").asLong() == after) break;
            after = answer.path("next").asLong();
        }
        assertThat(paged).hasSameSizeAs(events);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void theStreamShowsTheSame(String user, Set<String> projects, boolean whole) throws Exception {
        List<JsonNode> events = streamed(user, 3_000);
        assertThat(projectsIn(events)).isEqualTo(projects);
        assertThat(events.stream().anyMatch(e -> e.path("type").asString().contains(".batch."))).isEqualTo(whole);
    }

    @Test
    void aBrowserSignsItsStreamInWithATicketThatOpensTheStreamOnly() throws Exception {
        JsonNode issued = pool.as("street.fengtai").post("/api/events/tickets", "").body();
        String ticket = issued.path("ticket").asString();
        assertThat(issued.path("expiresIn").asLong()).isPositive();
        // An EventSource sends no Authorization header: the ticket alone signs it in, as street.fengtai.
        List<JsonNode> events = streamed(null, "&ticket=" + ticket, 3_000);
        assertThat(projectsIn(events)).isEqualTo(Set.of("other"));
        assertThat(pool.get("/api/events/stream?ticket=" + ticket.substring(0, ticket.length() - 2) + "xx").status())
                .as("a forged ticket").isEqualTo(401);
        assertThat(pool.get("/api/events?after=-1&ticket=" + ticket).status()).as("the feed is not the stream")
                .isIn(400, 401);
        assertThat(pool.post("/api/events/tickets", "").status()).as("anonymous").isEqualTo(401);
    }

    @Test
    void anonymousReadersGetNeitherFeedNorStream() {
        for (String path : List.of("/api/events?after=-1", "/api/events/stream?after=-1")) {
            RunningPool.Answer answer = pool.get(path);
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    /** Who sees which projects in lists and in detail. */
    static Stream<Arguments> seers() {
        return Stream.of(
                Arguments.of(null, Set.of("listed")),
                Arguments.of("district", Set.of("listed", "unlisted", "other")),
                Arguments.of("finance", Set.of("listed", "unlisted", "other")),
                Arguments.of("auditor", Set.of("listed", "unlisted", "other")),
                Arguments.of("street.xiluoyuan", Set.of("listed", "unlisted")),
                Arguments.of("street.fengtai", Set.of("listed", "other")),
                Arguments.of("dept.transport", Set.of("listed")),
                Arguments.of("dept.water-affairs", Set.of("listed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seers")
    void unlistedProjectsAreSeenOnlyByTheirStreetTheDistrictFinanceAndAuditors(String user, Set<String> projects) {
        RunningPool reader = pool.as(user);
        Set<String> inList = new HashSet<>();
        reader.get("/api/projects?size=100").body().path("items").forEach(p -> inList.add(name(p.path("id").asString())));
        assertThat(inList).isEqualTo(projects);
        for (String project : List.of("listed", "unlisted", "other")) {
            int status = reader.get("/api/projects/" + id(project)).status();
            assertThat(status).as(user + " " + project).isEqualTo(projects.contains(project) ? 200 : 404);
        }
    }

    @Test
    void anEtagNamesTheRepresentationSoAnAnonymous304NeverConfirmsAFullView() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> full = client.send(HttpRequest.newBuilder(URI.create(pool.base + "/api/projects/" + listed))
                .header("Authorization", basic("street.xiluoyuan")).build(), HttpResponse.BodyHandlers.ofString());
        String fullTag = full.headers().firstValue("ETag").orElseThrow();
        assertThat(full.headers().allValues("Vary")).anyMatch(v -> v.contains("Authorization"));
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(pool.base + "/api/projects/" + listed))
                .header("If-None-Match", fullTag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).doesNotContain("马先生");
        String publicTag = anonymous.headers().firstValue("ETag").orElseThrow();
        assertThat(publicTag).isNotEqualTo(fullTag);
        HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create(pool.base + "/api/projects/" + listed))
                .header("If-None-Match", publicTag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHistoryThatMayNotBeSeenIsNotThereAndOneThatMayNotBeInspectedIsForbidden() {
        assertThat(pool.as("street.fengtai").get("/api/projects/" + unlisted + "/history").status()).isEqualTo(404);
        assertThat(pool.as("dept.transport").get("/api/projects/" + unlisted + "/history").status()).isEqualTo(404);
        assertThat(pool.as("street.fengtai").get("/api/projects/" + listed + "/history").status()).isEqualTo(403);
        assertThat(pool.as("street.xiluoyuan").get("/api/projects/" + unlisted + "/history").status()).isEqualTo(200);
    }

    @Test
    void anonymousReadersGetNoPastAnywhere() {
        for (String path : List.of("/api/projects/" + listed + "?asOf=2030-01-01T00:00:00Z",
                "/api/statistics/district?asOf=2030-01-01T00:00:00Z", "/api/statistics/streets?asOf=2030-01-01T00:00:00Z",
                "/api/statistics/streets/xiluoyuan?asOf=2030-01-01T00:00:00Z",
                "/api/statistics/batches/2024-1?asOf=2030-01-01T00:00:00Z")) {
            assertThat(pool.get(path).status()).as(path).isEqualTo(401);
            assertThat(pool.as("street.fengtai").get(path).status()).as(path).isIn(200, 404);
        }
    }

    @Test
    void healthDetailsAreForOperatorsOnly() {
        JsonNode anonymous = pool.get("/actuator/health/readiness").body();
        assertThat(anonymous.path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.has("components")).isFalse();
        assertThat(pool.as("street.fengtai").get("/actuator/health/readiness").body().has("components")).isFalse();
        JsonNode operator = pool.as("district").get("/actuator/health/readiness").body();
        assertThat(operator.path("components").path("projections").path("details").path("projects").path("parked").asLong())
                .isZero();
    }

    private static Set<String> projectsIn(List<JsonNode> events) {
        Set<String> names = new HashSet<>();
        for (JsonNode event : events) {
            if (event.path("type").asString().contains(".project.")) names.add(name(event.path("subject").asString()));
        }
        return names;
    }

    private static String name(String id) {
        return id.equals(listed) ? "listed" : id.equals(unlisted) ? "unlisted" : id.equals(other) ? "other" : id;
    }

    private static String id(String name) {
        return switch (name) {
            case "listed" -> listed;
            case "unlisted" -> unlisted;
            default -> other;
        };
    }

    /** The events the stream sends a reader from the start, within a while. */
    private static List<JsonNode> streamed(String user, long millis) throws Exception {
        return streamed(user, "", millis);
    }

    /** As {@link #streamed(String, long)}; {@code user} null for no credentials, {@code query} more parameters. */
    private static List<JsonNode> streamed(String user, String query, long millis) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(pool.base + "/api/events/stream?after=-1" + query));
        if (user != null) builder.header("Authorization", basic(user));
        HttpRequest request = builder.GET().build();
        Set<String> lines = ConcurrentHashMap.newKeySet();
        HttpClient client = HttpClient.newHttpClient();
        var answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                answer.get().body().filter(line -> line.startsWith("data:")).forEach(line -> lines.add(line.substring(5)));
            } catch (Exception ignored) {
                // the stream is left open when the test has read enough
            }
        });
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(millis);
        answer.cancel(true);
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) events.add(RunningPool.JSON.readTree(line));
        return events;
    }
}
