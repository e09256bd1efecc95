package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated corpus of bad input against every endpoint: broken JSON, wrong types, missing fields, unknown codes,
 * huge strings and numbers, deep nesting, invalid dates, control and right-to-left characters, path tricks. Every
 * answer is a 4xx problem detail, none a 5xx, and nothing is stored.
 */
class MalformedInputTest {

    @TempDir
    static Path data;
    static RunningPool pool;
    static String project;

    static final List<String> COMMAND_PATHS = List.of("/api/projects", "/api/projects/%s/approve", "/api/projects/%s/reject",
            "/api/projects/%s/fund", "/api/projects/%s/start", "/api/projects/%s/progress", "/api/projects/%s/summon",
            "/api/projects/%s/report-in", "/api/projects/%s/complete", "/api/projects/%s/evaluate",
            "/api/projects/%s/carry-over", "/api/projects/%s/cancel", "/api/batches", "/api/batches/2024-1/publish",
            "/api/batches/2024-1/close", "/api/funds", "/api/appeal-volumes");

    static final List<String> BODIES = corpus();

    static List<String> corpus() {
        List<String> bodies = new ArrayList<>(List.of("", "{", "}", "[]", "null", "true", "42", "\"text\"", "{\"a\":}",
                "{\"street\":\"xiluoyuan\",}", "\u0000\u0001", "{\"street\":123,\"title\":[],\"category\":{},\"issueTypes\":\"PARKING\"}",
                "{\"street\":\"../../etc/passwd\",\"title\":\"t\",\"category\":\"HOUSING\",\"issueTypes\":[\"PARKING\"],\"channel\":\"HOTLINE\",\"estimatedCost\":1}",
                "{\"street\":\"xiluoyuan\",\"title\":\"t\",\"category\":\"HOUSING\",\"issueTypes\":[\"NOPE\"],\"channel\":\"HOTLINE\",\"estimatedCost\":1}",
                "{\"street\":\"xiluoyuan\",\"title\":\"" + "长".repeat(5000) + "\",\"category\":\"HOUSING\",\"issueTypes\":[\"PARKING\"],\"channel\":\"HOTLINE\",\"estimatedCost\":1}",
                "{\"street\":\"xiluoyuan\",\"title\":\"t\",\"category\":\"HOUSING\",\"issueTypes\":[\"PARKING\"],\"channel\":\"HOTLINE\",\"estimatedCost\":1e999999}",
                "{\"street\":\"xiluoyuan\",\"title\":\"t\",\"category\":\"HOUSING\",\"issueTypes\":[\"PARKING\"],\"channel\":\"HOTLINE\",\"estimatedCost\":123456789012345678901234567890}",
                "{\"street\":\"xiluoyuan\",\"title\":\"\u202Eevil\u0007\",\"category\":\"HOUSING\",\"issueTypes\":[\"PARKING\"],\"channel\":\"HOTLINE\",\"estimatedCost\":-0.001}",
                "{\"batch\":\"2024-1\",\"responsibleUnit\":\"u\",\"deadline\":\"2024-02-30\",\"tasks\":[\"t\"]}",
                "{\"batch\":\"2024-1\",\"responsibleUnit\":\"u\",\"deadline\":\"yesterday\",\"tasks\":[\"t\"],\"effectiveDate\":\"2024-13-01\"}",
                "{\"percent\":\"fifty\"}", "{\"percent\":1.5}", "{\"percent\":99999999999999999999}", "{\"fund\":\"2024\",\"amount\":\"NaN\"}",
                "{\"fund\":\"2024\",\"amount\":-1}", "{\"departments\":[null]}", "{\"departments\":\"transport\"}", "{\"rating\":\"SUPERB\"}",
                "{\"toBatch\":\"2024-1; DROP TABLE domain_event_entry\",\"reason\":\"\"}", "{\"id\":\"../2024\",\"year\":2024,\"budget\":1}",
                "{\"id\":\"2024-9\",\"name\":\"n\",\"year\":99999}", "{\"street\":\"xiluoyuan\",\"issueType\":\"PARKING\",\"month\":\"2024-3\",\"count\":1}",
                "{\"street\":\"xiluoyuan\",\"issueType\":\"PARKING\",\"month\":\"2024-03\",\"count\":-5}", "{\"carryOverTo\":\"\"}"));
        bodies.add("[".repeat(5000) + "]".repeat(5000));
        bodies.add("{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
        return bodies;
    }

    @BeforeAll
    static void start() {
        pool = RunningPool.start(data);
        pool.as("district").post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
        project = pool.as("district").post("/api/projects", """
                {"street":"xiluoyuan","title":"t","category":"HOUSING","issueTypes":["PARKING"],"channel":"HOTLINE","estimatedCost":1}""")
                .body().path("id").asString();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void everyBadBodyOnEveryCommandIsA4xxProblemAndStoresNothing() throws Exception {
        long before = pool.storedEvents();
        HttpClient client = HttpClient.newHttpClient();
        List<String> failures = new ArrayList<>();
        for (String path : COMMAND_PATHS) {
            for (String body : BODIES) {
                // start and publish need no body, and ignore unknown fields like every command: only bodies that are
                // not JSON, or give their own fields a wrong value, are bad input there.
                boolean optional = path.endsWith("/start") || path.endsWith("/publish");
                if (optional && (body.isEmpty() || body.equals("null") || (body.startsWith("{\"") && !body.contains("effectiveDate")))) continue;
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(pool.base + path.formatted(project)))
                        .header("Content-Type", "application/json").header("Authorization", basic("district"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                check(failures, "POST " + path + " " + abbreviate(body), answer);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(pool.storedEvents()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void badPathsQueriesAndHeadersAreA4xxProblem() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<String> failures = new ArrayList<>();
        List<String> gets = List.of("/api/projects?page=-1", "/api/projects?size=0", "/api/projects?size=abc", "/api/projects?status=DONE",
                "/api/projects?category=x", "/api/projects?street=%00", "/api/projects?q=" + "x".repeat(200), "/api/projects?sort=secret",
                "/api/projects/..%2F..%2Fetc%2Fpasswd", "/api/projects/%E2%80%AE", "/api/projects/" + "a".repeat(500),
                "/api/projects/nope?asOf=not-a-time", "/api/statistics/batches/nope", "/api/statistics/streets/nowhere",
                "/api/statistics/streets?batch=%27%20OR%201%3D1", "/api/statistics/streets?batch=", "/api/statistics/batches/%20",
                "/api/statistics/departments?batch=", "/api/statistics/appeals?period=2024-H3",
                "/api/statistics/appeals", "/api/statistics/district?asOf=2024-13-01", "/api/batches/nope", "/api/funds/nope",
                "/api/schemas/..%2Fapplication.yml", "/api/nothing-here");
        for (String path : gets) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(pool.base + path))
                    .header("Authorization", basic("auditor")).GET().build(), HttpResponse.BodyHandlers.ofString());
            check(failures, "GET " + path, answer);
        }
        HttpResponse<String> badKey = client.send(HttpRequest.newBuilder(URI.create(pool.base + "/api/batches"))
                .header("Content-Type", "application/json").header("Authorization", basic("district"))
                .header("Idempotency-Key", "two words").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"2030-1\",\"name\":\"n\",\"year\":2030}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        check(failures, "bad idempotency key", badKey);
        HttpResponse<String> wrongType = client.send(HttpRequest.newBuilder(URI.create(pool.base + "/api/batches"))
                .header("Content-Type", "text/plain").header("Authorization", basic("district"))
                .POST(HttpRequest.BodyPublishers.ofString("id=2030-1")).build(), HttpResponse.BodyHandlers.ofString());
        check(failures, "wrong content type", wrongType);
        assertThat(failures).isEmpty();
    }

    @Test
    void aParameterNoEndpointTakesIsA400NamingIt() {
        for (String[] row : new String[][]{{"/api/projects?stauts=FILED", "stauts"},
                {"/api/projects?asOf=2024-01-01T00:00:00Z", "asOf"}, {"/api/statistics/district?batch=2024-1", "batch"},
                {"/api/events?after=-1&afterr=5", "afterr"}, {"/api/projects/" + project + "?verison=3", "verison"},
                {"/api/events?after=-1&after=3", "after"}, {"/api/projects?status=FILED&status=FILED", "status"}}) {
            RunningPool.Answer answer = pool.as("auditor").get(row[0]);
            assertThat(answer.status()).as(row[0]).isEqualTo(400);
            assertThat(answer.body().path("errors").get(0).path("field").asString()).as(row[0]).isEqualTo(row[1]);
        }
        assertThat(pool.as("auditor").get("/api/projects?status=FILED&street=xiluoyuan&page=0&size=5").status()).isEqualTo(200);
        assertThat(pool.as("auditor").get("/api/projects?overdue=true").status()).isEqualTo(200);
        assertThat(pool.as("auditor").get("/api/projects?overdue=maybe").status()).isEqualTo(400);
        RunningPool.Answer notANumber = pool.as("auditor").get("/api/events?after=1e3");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body().path("errors").get(0).path("field").asString()).isEqualTo("after");
    }

    private static void check(List<String> failures, String what, HttpResponse<String> answer) {
        int status = answer.statusCode();
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (status < 400 || status >= 500 || !type.startsWith("application/problem+json")) {
            failures.add(what + " -> " + status + " " + type + " " + abbreviate(answer.body()));
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
