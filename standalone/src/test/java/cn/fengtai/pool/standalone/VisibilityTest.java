package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each kind of reader sees. Anonymous readers: listed projects and statistics only, without personal data,
 * comments or history. Signed-in roles: what their work needs.
 */
class VisibilityTest {

    @TempDir
    static Path data;
    static RunningPool pool;
    static String listed;
    static String unlisted;

    @BeforeAll
    static void start() {
        pool = RunningPool.start(data);
        RunningPool district = pool.as("district");
        RunningPool office = pool.as("street.xiluoyuan");
        district.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
        String body = """
                {"street":"xiluoyuan","title":"停车治理","description":"居民马先生反映夜间停车难","category":"CONVENIENT_TRAVEL",
                 "issueTypes":["PARKING"],"channel":"HOTLINE","appealRefs":["12345-2024-0001"],"estimatedCost":1000}""";
        listed = office.post("/api/projects", body).body().path("id").asString();
        unlisted = office.post("/api/projects", body).body().path("id").asString();
        district.post("/api/projects/" + listed + "/approve",
                "{\"batch\":\"2024-1\",\"responsibleUnit\":\"西罗园街道\",\"deadline\":\"2024-06-30\",\"tasks\":[\"施划\"]}");
        office.post("/api/projects/" + listed + "/summon", "{\"departments\":[\"transport\"],\"note\":\"电话联系王科长\"}");
        pool.as("auditor").await("/api/projects/" + listed + "?minVersion=2", p -> true);
        pool.as("auditor").await("/api/projects/" + unlisted + "?minVersion=0", p -> true);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void anonymousReadersSeeListedProjectsWithoutPersonalData() {
        JsonNode page = pool.get("/api/projects").body();
        assertThat(page.path("total").asLong()).isEqualTo(1);
        JsonNode project = pool.get("/api/projects/" + listed).body();
        assertThat(project.path("title").asString()).isEqualTo("停车治理");
        assertThat(project.path("description").isNull()).isTrue();
        assertThat(project.path("appealRefs").size()).isZero();
        assertThat(project.path("departments").get(0).path("note").isNull()).isTrue();
        assertThat(pool.get("/api/projects/" + unlisted).status()).isEqualTo(404);
    }

    @Test
    void anonymousReadersGetNoHistoryAndNoPast() {
        RunningPool.Answer history = pool.get("/api/projects/" + listed + "/history");
        assertThat(history.status()).isEqualTo(401);
        assertThat(history.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(pool.get("/api/projects/" + listed + "?asOf=2030-01-01T00:00:00Z").status()).isEqualTo(401);
        assertThat(pool.get("/api/statistics/district").status()).isEqualTo(200);
    }

    @Test
    void theOwnOfficeTheAuditorAndSummonedDepartmentsInspect() {
        for (String user : new String[]{"street.xiluoyuan", "auditor", "district", "dept.transport"}) {
            RunningPool.Answer history = pool.as(user).get("/api/projects/" + listed + "/history");
            assertThat(history.status()).as(user).isEqualTo(200);
            assertThat(history.body().path("events").get(0).path("actor").path("user").asString()).isEqualTo("street.xiluoyuan");
        }
        JsonNode project = pool.as("street.xiluoyuan").get("/api/projects/" + listed).body();
        assertThat(project.path("description").asString()).contains("马先生");
        assertThat(project.path("appealRefs").get(0).asString()).isEqualTo("12345-2024-0001");
        assertThat(pool.as("auditor").get("/api/projects").body().path("total").asLong()).isEqualTo(2);
    }

    @Test
    void anotherStreetAndAnUnsummonedDepartmentMayNotInspect() {
        assertThat(pool.as("street.fengtai").get("/api/projects/" + listed + "/history").status()).isEqualTo(403);
        assertThat(pool.as("dept.water-affairs").get("/api/projects/" + listed + "/history").status()).isEqualTo(403);
        assertThat(pool.as("street.fengtai").get("/api/projects/" + listed).body().path("description").isNull()).isTrue();
    }

    @Test
    void theReferenceListsAreOpenToEveryoneWithTheirLabels() {
        RunningPool.Answer streets = pool.get("/api/reference/streets");
        assertThat(streets.status()).isEqualTo(200);
        assertThat(streets.body().size()).isEqualTo(26);
        assertThat(streets.body().findValuesAsString("zh")).contains("西罗园街道");
        assertThat(streets.raw().headers().firstValue("Cache-Control").orElse("")).contains("public");
        for (String list : new String[]{"categories", "issue-types", "departments", "channels", "statuses", "ratings"}) {
            assertThat(pool.get("/api/reference/" + list).body().get(0).path("en").asString()).as(list).isNotBlank();
        }
        assertThat(pool.get("/api/reference/nothing").status()).isEqualTo(404);
    }

    @Test
    void publicStatisticsAreCacheableAndAnsweredWith304WhenUnchanged() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        var first = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(pool.base + "/api/statistics/district"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=10");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        var again = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(pool.base + "/api/statistics/district"))
                .header("If-None-Match", etag).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        RunningPool.Answer past = pool.as("auditor").get("/api/statistics/district?asOf=2030-01-01T00:00:00Z");
        assertThat(past.raw().headers().firstValue("Cache-Control").orElse("")).startsWith("private");
    }

    @Test
    void wrongCredentialsAre401AndSecurityHeadersAreSet() {
        RunningPool.Answer answer = pool.as("nobody").get("/api/statistics/district");
        assertThat(answer.status()).isEqualTo(401);
        RunningPool.Answer ok = pool.get("/api/statistics/district");
        assertThat(ok.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(ok.raw().headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
}
