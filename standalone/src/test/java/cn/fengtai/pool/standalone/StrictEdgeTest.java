package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reproductions of the hardening issue, one row each. Loose input (dates that are no dates of this era, a number
 * for a title, text for an amount, a fraction for a whole percent, duplicate keys, NUL, a lone surrogate) is a 400
 * naming every bad field, and stores nothing. Requests the servlet container or the firewall refuse (bad
 * percent-encoding, a NUL or backslash in the path, a header too large or not text, a doubled Transfer-Encoding, an
 * Accept nobody can serve, the error page asked for directly) are problem details with the security headers, never a
 * 500 and never HTML.
 */
class StrictEdgeTest {

    private static final String FILE = "\"street\":\"xiluoyuan\",\"title\":\"t\",\"category\":\"HOUSING\","
            + "\"issueTypes\":[\"PARKING\"],\"channel\":\"HOTLINE\",\"estimatedCost\":1";
    private static final String APPROVE = "\"batch\":\"2024-1\",\"responsibleUnit\":\"u\",\"tasks\":[\"t\"]";

    @TempDir
    static Path data;
    static RunningPool pool;
    static String project;

    @BeforeAll
    static void start() {
        pool = RunningPool.start(data);
        pool.as("district").post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
        project = pool.as("street.xiluoyuan").post("/api/projects", "{" + FILE + "}").body().path("id").asString();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    static Stream<Arguments> looseInput() {
        return Stream.of(
                Arguments.of("/api/projects", "{" + FILE + ",\"effectiveDate\":\"+300000000-01-01\"}", List.of("effectiveDate")),
                Arguments.of("/api/projects", "{" + FILE + ",\"effectiveDate\":\"20240101\"}", List.of("effectiveDate")),
                Arguments.of("/api/projects", "{" + FILE + ",\"effectiveDate\":[2024,1,1]}", List.of("effectiveDate")),
                Arguments.of("/api/projects", "{" + FILE + ",\"effectiveDate\":\"-0001-01-01\"}", List.of("effectiveDate")),
                Arguments.of("/api/projects", "{" + FILE + ",\"effectiveDate\":\"1989-12-31\"}", List.of("effectiveDate")),
                Arguments.of("/api/projects", "{" + FILE + ",\"effectiveDate\":\"2024-02-30\"}", List.of("effectiveDate")),
                Arguments.of("/api/projects", "{" + FILE.replace("\"t\"", "5").replace(":1", ":\"100\"") + "}",
                        List.of("title", "estimatedCost")),
                Arguments.of("/api/projects", "{" + FILE + ",\"title\":\"again\"}", List.of("title")),
                Arguments.of("/api/projects", "{" + FILE.replace("\"t\"", "5") + ",\"category\":\"HOUSING\",\"street\":\"x\","
                        + "\"extra\":{\"a\":1,\"a\":2}}", List.of("title", "category", "street", "extra.a")),
                Arguments.of("/api/projects", "", List.of("body")),
                Arguments.of("/api/projects", "{" + FILE + "} trailing", List.of("body")),
                Arguments.of("/api/projects", "{" + FILE.replace(":1", ":" + "1".repeat(1_001)) + "}", List.of("body")),
                Arguments.of("/api/projects", "[".repeat(5_000), List.of("body")),
                Arguments.of("/api/projects", "{" + FILE + ",\"comment\":\"a\\u0000b\"}", List.of("comment")),
                Arguments.of("/api/projects", "{" + FILE + ",\"comment\":\"a\\ud800b\"}", List.of("comment")),
                Arguments.of("/api/projects", "{" + FILE.replace("[\"PARKING\"]", "[\"PARKING\",5]") + "}", List.of("issueTypes[1]")),
                Arguments.of("/api/projects", "{\"street\":7,\"title\":5,\"category\":\"HOUSING\",\"issueTypes\":\"PARKING\","
                        + "\"channel\":\"HOTLINE\",\"estimatedCost\":\"1\",\"effectiveDate\":\"x\",\"comment\":\"\\u0000\"}",
                        List.of("street", "title", "issueTypes", "estimatedCost", "effectiveDate", "comment")),
                Arguments.of("/api/projects/%s/progress", "{\"percent\":50.5}", List.of("percent")),
                Arguments.of("/api/projects/%s/progress", "{\"percent\":\"50\"}", List.of("percent")),
                Arguments.of("/api/projects/%s/approve", "{" + APPROVE + ",\"deadline\":\"2101-01-01\"}", List.of("deadline")),
                Arguments.of("/api/projects/%s/approve", "{" + APPROVE + ",\"deadline\":20240630}", List.of("deadline")),
                Arguments.of("/api/batches", "{\"id\":\"2031-1\",\"name\":\"n\",\"year\":2031.5}", List.of("year")),
                Arguments.of("/api/batches", "{\"id\":\"2031-9\",\"name\":1,\"year\":99999999999999999999999}",
                        List.of("name", "year")),
                Arguments.of("/api/appeal-volumes", "{\"street\":\"bogus\",\"issueType\":\"PARKING\",\"month\":\"2024-02\","
                        + "\"count\":2147483648}", List.of("street", "count")),
                Arguments.of("/api/funds", "{\"id\":\"2031\",\"year\":2031,\"budget\":\"1000\"}", List.of("budget")),
                Arguments.of("/api/appeal-volumes", "{\"street\":\"xiluoyuan\",\"issueType\":\"PARKING\",\"month\":\"2024-03\","
                        + "\"count\":1.5}", List.of("count")),
                Arguments.of("/api/appeal-volumes", "{\"street\":\"xiluoyuan\",\"issueType\":\"PARKING\",\"month\":\"1989-12\","
                        + "\"count\":1}", List.of("month")),
                Arguments.of("/api/projects", "{" + FILE.replace("[\"PARKING\"]", "[\"NOPE\"]") + "}", List.of("issueTypes[0]")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("looseInput")
    void looseInputIsA400NamingEveryBadFieldAndStoresNothing(String path, String body, List<String> fields) {
        long before = pool.storedEvents();
        String user = path.startsWith("/api/funds") ? "finance" : "district";
        RunningPool.Answer answer = pool.as(user).post(path.formatted(project), body);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(400);
        assertProblem(answer.body(), 400);
        Set<String> named = new HashSet<>();
        answer.body().path("errors").forEach(e -> named.add(e.path("field").asString()));
        assertThat(named).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(pool.storedEvents()).isEqualTo(before);
    }

    static Stream<Arguments> malformedRequests() {
        String big = "a".repeat(20_000);
        return Stream.of(
                Arguments.of("bad percent-encoding", "GET /api/statistics/appeals?period=%ff HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                Arguments.of("non-ASCII idempotency key", "POST /api/batches HTTP/1.1\r\nHost: x\r\nAuthorization: "
                        + basic("district") + "\r\nIdempotency-Key: ключ\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\n\r\n{}", 400),
                Arguments.of("the error page", "GET /error HTTP/1.1\r\nHost: x\r\n\r\n", 404),
                Arguments.of("NUL in the path", "GET /api/projects/%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                Arguments.of("backslash in the path", "GET /api/projects/a%5Cb HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                Arguments.of("dot segments", "GET /api/projects/%2e%2e/%2e%2e/actuator HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                Arguments.of("a 20 KB header", "GET /api/projects HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n", 400),
                Arguments.of("doubled Transfer-Encoding", "POST /api/batches HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                        + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("doubled Content-Length", "POST /api/batches HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                        + "Content-Length: 3\r\n\r\n{}", 400),
                Arguments.of("control character in a header", "GET /api/projects HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n", 400),
                Arguments.of("garbage Accept", "GET /api/projects HTTP/1.1\r\nHost: x\r\nAccept: garbage\r\n\r\n", 406),
                Arguments.of("an Accept without JSON", "GET /api/projects HTTP/1.1\r\nHost: x\r\nAccept: image/png\r\n\r\n", 406),
                Arguments.of("no request line", "GARBAGE\r\n\r\n", 400),
                Arguments.of("a body without its length", "POST /api/batches HTTP/1.1\r\nHost: x\r\nAuthorization: "
                        + basic("district") + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2\r\n{}\r\n0\r\n\r\n", 411),
                Arguments.of("unknown method", "BREW /api/projects HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                Arguments.of("TRACE", "TRACE /api/projects HTTP/1.1\r\nHost: x\r\n\r\n", 405),
                Arguments.of("HTTP/2.0 on an HTTP/1.1 connection", "GET /api/projects HTTP/2.0\r\nHost: x\r\n\r\n", 400),
                Arguments.of("multipart without a boundary", "POST /api/projects HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + "multipart/form-data\r\nContent-Length: 2\r\n\r\n{}", 415),
                Arguments.of("a wildcard Content-Type", "POST /api/batches HTTP/1.1\r\nHost: x\r\nAuthorization: "
                        + basic("district") + "\r\nContent-Type: */*\r\nContent-Length: 2\r\n\r\n{}", 415),
                Arguments.of("unknown transfer coding", "POST /api/batches HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
                Arguments.of("Content-Type that is no media type", "POST /api/batches HTTP/1.1\r\nHost: x\r\nAuthorization: "
                        + basic("district") + "\r\nContent-Type: garbage\r\nAccept: application/*;q=x\r\nContent-Length: 2\r\n\r\n{}", 406));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void malformedRequestsAreProblemDetailsWithTheSecurityHeaders(String what, String request, int status) throws Exception {
        RawHttp.Response answer = RawHttp.send(pool.base, request.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertProblem(RunningPool.JSON.readTree(answer.body()), status, request.split(" ").length > 2);
    }

    @org.junit.jupiter.api.Test
    void aBodyThatIsNotStrictUtf8IsA400AndStoresNothing() throws Exception {
        long before = pool.storedEvents();
        // "/" hidden in an overlong two-byte form: lenient decoders read it as a slash.
        byte[] name = {'a', (byte) 0xC0, (byte) 0xAF, 'b'};
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes("{\"id\":\"2031-7\",\"name\":\"".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(name);
        body.writeBytes("\",\"year\":2031}".getBytes(StandardCharsets.UTF_8));
        java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
        request.writeBytes(("POST /api/batches HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic("district")
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.size() + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        request.writeBytes(body.toByteArray());
        RawHttp.Response answer = RawHttp.send(pool.base, request.toByteArray());
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(RunningPool.JSON.readTree(answer.body()).path("errors").get(0).path("field").asString()).isEqualTo("body");
        assertThat(pool.storedEvents()).isEqualTo(before);
    }

    static void assertProblem(JsonNode problem, int status) {
        assertProblem(problem, status, true);
    }

    /** A problem detail in full; {@code instance} names the path asked for, where the request had one. */
    static void assertProblem(JsonNode problem, int status, boolean hasPath) {
        // a refused command's type names its rule; every other problem is about:blank
        String type = problem.path("type").asString();
        if (problem.has("rule")) assertThat(type).isEqualTo("urn:fengtai-pool:rule:" + problem.path("rule").asString());
        else assertThat(type).isEqualTo("about:blank");
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.has("instance")).isEqualTo(hasPath);
    }

    private static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }
}
