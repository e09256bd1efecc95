package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated hostile requests to every endpoint, spoken byte by byte: hostile path segments and
 * percent-encodings, query parameters out of every range, random and oversized headers, broken credentials, bodies with
 * wrong types, duplicate keys, control characters, deep nesting, truncation and random bytes, other methods. Every
 * answer is below 500, and every refusal a problem detail with the security headers; afterwards the audit chain still
 * verifies and every read model reaches the head. Fixed seed: a failure is repeatable.
 */
class HostileRequestsFuzzTest {

    private static final int REQUESTS = 2_400;
    private static final String P = "{project}";
    private static final List<String> GETS = List.of("/api/projects", "/api/projects/" + P, "/api/projects/" + P + "/history",
            "/api/batches", "/api/batches/2024-1", "/api/funds/2024", "/api/statistics/district",
            "/api/statistics/batches/2024-1", "/api/statistics/streets", "/api/statistics/streets/xiluoyuan",
            "/api/statistics/appeals", "/api/events", "/api/audit/verify", "/api/audit/checkpoints", "/api/audit/proof/1",
            "/api/audit/export", "/api/admin/projections", "/api/admin/projections/projects/parked", "/api/asyncapi.yaml",
            "/api/schemas/cn.fengtai.pool.project.ProjectFiled.v2.json", "/actuator/health", "/actuator/health/readiness",
            "/actuator/info", "/error", "/");
    private static final List<String> POSTS = List.of("/api/projects", "/api/projects/" + P + "/approve",
            "/api/projects/" + P + "/reject", "/api/projects/" + P + "/fund", "/api/projects/" + P + "/start",
            "/api/projects/" + P + "/progress", "/api/projects/" + P + "/summon", "/api/projects/" + P + "/report-in",
            "/api/projects/" + P + "/complete", "/api/projects/" + P + "/evaluate", "/api/projects/" + P + "/carry-over",
            "/api/projects/" + P + "/cancel", "/api/batches", "/api/batches/2024-1/publish", "/api/batches/2024-1/close",
            "/api/funds", "/api/appeal-volumes", "/api/audit/checkpoints", "/api/admin/projections/projects/rebuild",
            "/api/admin/projections/funds/parked/retry");
    private static final List<String> BODIES = List.of(
            "{\"street\":\"xiluoyuan\",\"title\":\"t\",\"category\":\"HOUSING\",\"issueTypes\":[\"PARKING\"],\"channel\":\"HOTLINE\",\"estimatedCost\":1}",
            "{\"batch\":\"2024-1\",\"responsibleUnit\":\"u\",\"deadline\":\"2024-06-30\",\"tasks\":[\"t\"]}",
            "{\"fund\":\"2024\",\"amount\":10}", "{\"percent\":50,\"note\":\"n\"}", "{\"departments\":[\"transport\"]}",
            "{\"department\":\"transport\",\"commitment\":\"c\"}", "{\"actualCost\":1,\"summary\":\"s\"}",
            "{\"rating\":\"GOOD\"}", "{\"toBatch\":\"2024-2\",\"reason\":\"r\"}", "{\"reason\":\"r\"}",
            "{\"id\":\"2031-1\",\"name\":\"n\",\"year\":2031}", "{\"id\":\"2031\",\"year\":2031,\"budget\":100}",
            "{\"street\":\"xiluoyuan\",\"issueType\":\"PARKING\",\"month\":\"2024-03\",\"count\":1}");
    private static final List<String> SEGMENTS = List.of("%00", "%ff", "%c0%ae", "..", "%2e%2e", "%5c", "%2F", "长",
            "%E2%80%AE", "%", "%zz", ";jsessionid=x", "", "a".repeat(300), "%0d%0aX-Injected:%201", "~", "*", "-1",
            "%25", "%u0000", "%F0%9F%98%80", "\\", "\"", "<script>", "' OR 1=1 --");
    private static final List<String> VALUES = List.of("-1", "0", "99999999999999999999", "1e99", "NaN", "", "%ff", "%00",
            "长", "2024-13-01", "2024-H3", "x".repeat(2_000), "%E2%80%AE", "true", "[]", "{}", "null", "2030-01-01T00:00:00Z",
            "not-a-time", "DESC", "title,desc", "%2C");
    private static final List<String> PARAMETERS = List.of("page", "size", "status", "street", "category", "batch", "issueType",
            "q", "sort", "asOf", "minVersion", "after", "limit", "period", "stauts", "a%00", "%ff");
    private static final List<String> ACCEPTS = List.of("*/*", "application/json", "garbage", "text/html", "image/png",
            "application/problem+json", "", "text/event-stream", ";;;", "text/csv", "application/*;q=x", "*/*;q=0");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "garbage",
            "application/json; charset=latin1", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
            "application/json;charset=UTF-16", "");
    private static final List<String> USERS = List.of("", "district", "finance", "auditor", "street.xiluoyuan",
            "street.fengtai", "dept.transport");
    private static final List<String> METHODS = List.of("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT", "BREW");

    @TempDir
    Path data;

    private final Random random = new Random(20261207);

    @Test
    void noHostileRequestGetsA5xxOrAnythingButAProblemDetail() throws Exception {
        try (RunningPool pool = RunningPool.start(data)) {
            RunningPool district = pool.as("district");
            district.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
            pool.as("finance").post("/api/funds", "{\"id\":\"2024\",\"year\":2024,\"budget\":1000000}");
            String project = pool.as("street.xiluoyuan").post("/api/projects", BODIES.get(0)).body().path("id").asString();

            List<String> failures = new ArrayList<>();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (int i = 0; i < REQUESTS; i++) {
                byte[] request = request(project);
                RawHttp.Response answer;
                try {
                    answer = RawHttp.send(pool.base, request);
                } catch (Exception e) {
                    failures.add("#" + i + " no answer (" + e + "): " + shown(request));
                    continue;
                }
                statuses.merge(answer.status(), 1, Integer::sum);
                String failure = check(answer, new String(request, StandardCharsets.ISO_8859_1).startsWith("HEAD"));
                if (failure != null) failures.add("#" + i + " " + failure + ": " + shown(request));
            }
            assertThat(failures).isEmpty();
            // The requests reach every layer: accepted, refused by the firewall, by sign-in, by role, by the rules.
            System.out.println("answers by status: " + statuses);
            assertThat(statuses.keySet()).as(statuses.toString()).contains(200, 201, 400, 401, 403, 404, 405, 406, 415);

            assertThat(pool.get("/actuator/health").status()).isEqualTo(200);
            assertThat(pool.as("auditor").get("/api/audit/verify").body().path("valid").asBoolean()).isTrue();
            JsonNode atHead = pool.as("auditor").await("/api/admin/projections", all -> {
                for (JsonNode readModel : all) {
                    if (readModel.path("rebuilding").asBoolean()
                            || readModel.path("position").asLong() < readModel.path("headPosition").asLong()) return false;
                }
                return true;
            }).body();
            for (JsonNode readModel : atHead) {
                assertThat(readModel.path("position").asLong()).as(readModel.path("name").asString())
                        .isEqualTo(readModel.path("headPosition").asLong());
                assertThat(readModel.path("parked").asLong()).isZero();
            }
        }
    }

    private static String check(RawHttp.Response answer, boolean head) {
        if (answer.status() >= 500) return answer.status() + " " + answer.body();
        if (answer.status() < 400) return null;
        if (!answer.header("Content-Type").startsWith("application/problem+json")) {
            return answer.status() + " as " + answer.header("Content-Type") + " " + abbreviate(answer.body());
        }
        if (!answer.header("X-Content-Type-Options").equals("nosniff")) return answer.status() + " without security headers";
        if (head) return null;
        try {
            JsonNode problem = RunningPool.JSON.readTree(answer.body());
            if (problem.path("status").asInt() != answer.status() || !problem.has("type") || !problem.has("title")) {
                return "incomplete problem " + abbreviate(answer.body());
            }
        } catch (RuntimeException e) {
            return "problem detail is no JSON: " + abbreviate(answer.body());
        }
        return null;
    }

    private byte[] request(String project) {
        boolean post = random.nextInt(10) < 5;
        String method = random.nextInt(15) == 0 ? pick(METHODS) : post ? "POST" : "GET";
        String path = pick(post ? POSTS : GETS).replace(P, project);
        if (random.nextInt(3) == 0) path = hostilePath(path);
        if (random.nextInt(2) == 0) path += query();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        String user = pick(USERS);
        if (!user.isEmpty()) {
            String credentials = random.nextInt(12) == 0 ? user + ":wrong" : user + ":demo";
            write(out, "Authorization: Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n");
        } else if (random.nextInt(6) == 0) {
            write(out, "Authorization: " + pick(List.of("Basic !!!", "Bearer x.y.z", "Basic", "Digest a=b", "Bearer " + "a".repeat(5_000))) + "\r\n");
        }
        if (random.nextInt(3) > 0) write(out, "Accept: " + pick(ACCEPTS) + "\r\n");
        byte[] body = method.equals("GET") || method.equals("HEAD") ? new byte[0] : body();
        if (body.length > 0 || method.equals("POST")) write(out, "Content-Type: " + pick(CONTENT_TYPES) + "\r\n");
        if (random.nextInt(5) == 0) write(out, "Idempotency-Key: " + pick(List.of("k-" + random.nextInt(50), "two words", "ключ", "", "a".repeat(200))) + "\r\n");
        if (random.nextInt(4) == 0) hostileHeader(out);
        if (random.nextInt(8) == 0) write(out, "Last-Event-ID: " + pick(VALUES) + "\r\n");
        write(out, "Content-Length: " + body.length + "\r\n\r\n");
        out.writeBytes(body);
        return out.toByteArray();
    }

    private String hostilePath(String path) {
        String[] segments = path.split("/");
        int at = 1 + random.nextInt(Math.max(1, segments.length - 1));
        if (at >= segments.length) return path + "/" + pick(SEGMENTS);
        segments[at] = random.nextBoolean() ? pick(SEGMENTS) : segments[at] + pick(SEGMENTS);
        return String.join("/", segments);
    }

    private String query() {
        StringBuilder query = new StringBuilder("?");
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            if (i > 0) query.append(random.nextInt(10) == 0 ? ";" : "&");
            query.append(pick(PARAMETERS)).append('=').append(pick(VALUES));
        }
        return query.toString();
    }

    private void hostileHeader(ByteArrayOutputStream out) {
        switch (random.nextInt(6)) {
            case 0 -> write(out, "X-Big: " + "b".repeat(5_000 + random.nextInt(40_000)) + "\r\n");
            case 1 -> out.writeBytes(("X-Utf8: 西罗园 " + random.nextInt() + "\r\n").getBytes(StandardCharsets.UTF_8));
            case 2 -> out.writeBytes(new byte[]{'X', '-', 'C', ':', ' ', 'a', (byte) (1 + random.nextInt(8)), 'b', '\r', '\n'});
            case 3 -> write(out, "Transfer-Encoding: " + pick(List.of("gzip", "chunked, identity", "x")) + "\r\n");
            case 4 -> write(out, pick(List.of("Bad Name", "X:", "\u00ff-Name", "(x)")) + ": v\r\n");
            default -> write(out, "Range: bytes=" + pick(VALUES) + "\r\n");
        }
    }

    private byte[] body() {
        String template = pick(BODIES);
        return switch (random.nextInt(9)) {
            case 0 -> template.getBytes(StandardCharsets.UTF_8);
            case 1 -> template.substring(0, random.nextInt(template.length())).getBytes(StandardCharsets.UTF_8);
            case 2 -> template.replaceFirst(":(\"[^\"]*\"|[0-9]+|\\[[^]]*])", ":" + jsonValue()).getBytes(StandardCharsets.UTF_8);
            case 3 -> template.replace("}", ",\"effectiveDate\":" + jsonValue() + ",\"comment\":" + jsonValue() + "}").getBytes(StandardCharsets.UTF_8);
            case 4 -> template.replace("{", "{\"title\":\"x\",\"title\":\"y\",").getBytes(StandardCharsets.UTF_8);
            case 5 -> {
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 6 -> ("{\"a\":".repeat(200 + random.nextInt(3_000)) + "1").getBytes(StandardCharsets.UTF_8);
            case 7 -> template.getBytes(StandardCharsets.UTF_16);
            default -> template.replaceAll("\"[a-z]+\":", "\"" + pick(List.of("\\u0000", "长", "x")) + "\":").getBytes(StandardCharsets.UTF_8);
        };
    }

    private String jsonValue() {
        return pick(List.of("null", "true", "-1", "1.5", "1e999", "123456789012345678901234567890", "\"\"", "\"\\u0000\"",
                "\"\\ud800\"", "\"+300000000-01-01\"", "\"20240101\"", "[2024,1,1]", "{}", "[[[[[]]]]]", "\"长\"",
                "\"" + "x".repeat(5_000) + "\"", "\"2024-02-30\"", "\"1989-12-31\"", "\"DROP TABLE\""));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String shown(byte[] request) {
        return abbreviate(new String(request, StandardCharsets.UTF_8).replace("\r\n", " | "));
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
