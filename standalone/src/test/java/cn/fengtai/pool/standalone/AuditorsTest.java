package cn.fengtai.pool.standalone;

import cn.fengtai.pool.query.project.ProjectView;
import cn.fengtai.pool.query.readmodel.ReadModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The past as it stood, and read models rebuilt from the events equal to the live ones. */
class AuditorsTest {

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

    private static String file(String street) {
        return pool.as("street." + street).post("/api/projects", """
                {"street":"%s","title":"房屋滴漏","category":"HOUSING","issueTypes":["HOUSE_LEAK"],"channel":"HOTLINE","estimatedCost":5000}"""
                .formatted(street)).body().path("id").asString();
    }

    private static void approve(String id, String batch) {
        pool.as("district").post("/api/projects/" + id + "/approve",
                "{\"batch\":\"" + batch + "\",\"responsibleUnit\":\"街道\",\"deadline\":\"2024-06-30\",\"tasks\":[\"修缮\"]}");
    }

    @Test
    void statisticsAsOfAnInstantAreWhatTheLiveEndpointsSaidThen() {
        pool.as("district").post("/api/batches", "{\"id\":\"2023-1\",\"name\":\"旧批\",\"year\":2023}");
        String first = file("youanmen");
        approve(first, "2023-1");
        file("fangzhuang");
        pool.awaitCaughtUp();
        Map<String, JsonNode> then = Map.of(
                "district", pool.get("/api/statistics/district").body(),
                "batch", pool.get("/api/statistics/batches/2023-1").body(),
                "streets", pool.get("/api/statistics/streets?batch=2023-1").body(),
                "project", pool.as("auditor").get("/api/projects/" + first).body());
        Instant instant = Instant.now();
        RunningPool.sleep(20);

        pool.as("street.youanmen").post("/api/projects/" + first + "/start", "{}");
        pool.as("street.youanmen").post("/api/projects/" + first + "/complete", "{\"actualCost\":4800,\"summary\":\"楼顶通铺\"}");
        approve(file("youanmen"), "2023-1");
        pool.awaitCaughtUp();
        assertThat(pool.get("/api/statistics/batches/2023-1").body()).isNotEqualTo(then.get("batch"));

        assertThat(pool.as("auditor").get("/api/statistics/district?asOf=" + instant).body()).isEqualTo(then.get("district"));
        assertThat(pool.as("auditor").get("/api/statistics/batches/2023-1?asOf=" + instant).body()).isEqualTo(then.get("batch"));
        assertThat(pool.as("auditor").get("/api/statistics/streets?batch=2023-1&asOf=" + instant).body()).isEqualTo(then.get("streets"));
        assertThat(pool.as("auditor").get("/api/projects/" + first + "?asOf=" + instant).body().path("status").asString())
                .isEqualTo(then.get("project").path("status").asString());
        assertThat(pool.as("auditor").get("/api/statistics/batches/2023-1?asOf=2000-01-01T00:00:00Z").status()).isEqualTo(404);
        assertThat(pool.as("auditor").get("/api/statistics/district?asOf=yesterday").status()).isEqualTo(400);
    }

    @Test
    void historyAndStatisticsAnswerCsvThatExcelReadsWithChineseText() throws Exception {
        String id = pool.as("street.majiapu").post("/api/projects", """
                {"street":"majiapu","title":"=HYPERLINK(\\"x\\"),停车","category":"HOUSING","issueTypes":["PARKING"],"channel":"HOTLINE","estimatedCost":1}""")
                .body().path("id").asString();
        java.net.http.HttpResponse<byte[]> history = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(pool.base + "/api/projects/" + id + "/history"))
                        .header("Accept", "text/csv")
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("auditor:demo".getBytes()))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = history.body();
        assertThat(history.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(new byte[]{body[0], body[1], body[2]}).isEqualTo(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        String text = new String(body, 3, body.length - 3, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("sequence,position,type,recordedAt,effectiveDate,actorUser,").contains("ProjectFiled")
                .contains("street.majiapu").doesNotContain(",=HYPERLINK");
        pool.await("/api/statistics/streets/majiapu", street -> street.path("filed").asLong() == 1);
        java.net.http.HttpResponse<String> streets = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(pool.base + "/api/statistics/streets"))
                        .header("Accept", "text/csv").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(streets.body().lines().count()).isEqualTo(27);
        assertThat(streets.body()).contains("majiapu,马家堡街道,1,0,0,,0");
    }

    @Test
    void aRebuiltReadModelEqualsTheLiveOneFieldByField() {
        pool.as("district").post("/api/batches", "{\"id\":\"2025-1\",\"name\":\"批次\",\"year\":2025}");
        for (String street : List.of("qingta", "kandan", "heyi")) {
            String id = file(street);
            approve(id, "2025-1");
            pool.as("street." + street).post("/api/projects/" + id + "/summon", "{\"departments\":[\"housing-bureau\"]}");
        }
        pool.awaitCaughtUp();
        MongoTemplate mongo = pool.context().getBean(MongoTemplate.class);
        List<ProjectView> live = mongo.find(new Query().with(Sort.by("_id")), ProjectView.class);
        // Damage the live read model behind the application's back: only a real replay from the events repairs it.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(live.get(0).id())), Update.update("title", "损坏"), ProjectView.class);

        assertThat(pool.as("auditor").post("/api/admin/projections/projects/rebuild", "{}").status()).isEqualTo(403);
        assertThat(pool.as("district").post("/api/admin/projections/nothing/rebuild", "{}").status()).isEqualTo(404);
        assertThat(pool.as("district").post("/api/admin/projections/projects/rebuild", "{}").status()).isEqualTo(202);
        // The old generation answers until the new one has caught up: the list never comes back short meanwhile.
        JsonNode status;
        do {
            assertThat(pool.as("auditor").get("/api/projects?size=50").body().path("total").asLong()).isEqualTo(live.size());
            status = pool.as("auditor").get("/api/admin/projections").body();
        } while (status.get(0).path("rebuilding").asBoolean());
        pool.awaitCaughtUp();
        String rebuiltCollection = pool.context().getBean(ReadModels.class).active("projects", ProjectView.class);
        List<ProjectView> rebuilt = mongo.find(new Query().with(Sort.by("_id")), ProjectView.class, rebuiltCollection);

        assertThat(rebuilt).hasSameSizeAs(live).usingRecursiveFieldByFieldElementComparator().isEqualTo(live);
        status = pool.as("auditor").get("/api/admin/projections").body();
        assertThat(status.size()).isEqualTo(4);
        assertThat(status.get(0).path("progress").asDouble()).isEqualTo(1.0);
        assertThat(status.get(0).path("generation").asInt()).isEqualTo(2);
        assertThat(rebuiltCollection).isEqualTo("projects_g2");
        assertThat(mongo.collectionExists("projects")).as("the old generation is dropped at the next start").isTrue();
        assertThat(pool.get("/api/statistics/batches/2025-1").body().path("listed").asLong()).isEqualTo(3);
    }

    /**
     * A processor passes over the events of other read models without handing them to the projection, so the writer
     * never sees the rebuild's target when the store ends with other read models' events: the switch comes from the
     * processor's position instead (RebuildSwitch).
     */
    @Test
    void aReadModelWhoseLastEventIsFarBehindTheHeadIsRebuiltAndSwitched() {
        assertThat(pool.as("finance").post("/api/funds", "{\"id\":\"2031\",\"year\":2031,\"budget\":5000000}").status())
                .isEqualTo(201);
        file("qingta");
        file("kandan");
        pool.awaitCaughtUp();
        JsonNode fund = pool.as("auditor").get("/api/funds/2031").body();
        int generation = funds(pool.as("auditor").get("/api/admin/projections").body()).path("generation").asInt();

        assertThat(pool.as("district").post("/api/admin/projections/funds/rebuild", "{}").status()).isEqualTo(202);

        JsonNode status = funds(pool.as("auditor").await("/api/admin/projections", list ->
                funds(list).path("generation").asInt() == generation + 1).body());
        assertThat(status.path("rebuilding").asBoolean()).isFalse();
        assertThat(status.path("generation").asInt()).isEqualTo(generation + 1);
        assertThat(pool.as("auditor").get("/api/funds/2031").body()).isEqualTo(fund);
    }

    private static JsonNode funds(JsonNode projections) {
        for (JsonNode projection : projections) {
            if (projection.path("name").asString().equals("funds")) return projection;
        }
        throw new AssertionError("no funds read model in " + projections);
    }
}
