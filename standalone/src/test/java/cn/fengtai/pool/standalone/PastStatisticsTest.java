package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statistics at a past instant are what the live endpoints said at that instant, whichever copy of the counters they
 * start from: copies are taken every five project events here, so the instants fall before, between and after them,
 * and the answers must still equal the figures recorded live.
 */
class PastStatisticsTest {

    static final List<String> STREETS = List.of("youanmen", "fangzhuang", "lugouqiao");
    static final List<String> FIGURES = List.of("/api/statistics/district", "/api/statistics/batches/2023-1",
            "/api/statistics/streets", "/api/statistics/streets?batch=2023-1", "/api/statistics/streets/fangzhuang",
            "/api/statistics/appeals?period=2023-H1");

    @TempDir
    Path data;

    @Test
    void everyStatisticAsOfAnInstantEqualsWhatItSaidThen() {
        try (RunningPool anonymous = RunningPool.start(data, "pool.statistics.checkpoint-every=5")) {
            playAndCompare(anonymous);
        }
    }

    /**
     * The same with at most four copies kept: the older ones are thinned as new ones come, and an instant whose copy
     * went starts from an earlier one.
     */
    @Test
    void theSameWhenOldCopiesAreThinned() {
        try (RunningPool anonymous = RunningPool.start(data, "pool.statistics.checkpoint-every=5",
                "pool.statistics.max-checkpoints=4")) {
            playAndCompare(anonymous);
            MongoTemplate mongo = anonymous.context().getBean(MongoTemplate.class);
            assertThat(mongo.getCollection("statistics_checkpoints").countDocuments()).isEqualTo(4);
            long first = mongo.getCollection("statistics_checkpoints").find().sort(new org.bson.Document("position", 1))
                    .first().get("position", Number.class).longValue();
            assertThat(first).as("the first copies were taken near position 5 and thinned away").isGreaterThan(10);
        }
    }

    /** The same on PostgreSQL, whose SQL reads the touched projects' earlier events ({@code SerialAppendEngine.eventsOf}). */
    @Test
    void theSameOnPostgres() throws Exception {
        try (PostgresSchema schema = PostgresSchema.require();
             RunningPool anonymous = RunningPool.start(data, schema.properties(PostgresSchema.PORT, "pool.statistics.checkpoint-every=5"))) {
            playAndCompare(anonymous);
        }
    }

    private static void playAndCompare(RunningPool anonymous) {
        RunningPool district = anonymous.as("district");
        Instant beforeTheBatch = Instant.now();
        RunningPool.sleep(5);
        assertThat(district.post("/api/batches", "{\"id\":\"2023-1\",\"name\":\"旧批\",\"year\":2023}").status()).isEqualTo(201);
        List<String> filed = new ArrayList<>();
        Map<Instant, Map<String, JsonNode>> said = new LinkedHashMap<>();
        for (int step = 0; step < 12; step++) {
            for (String street : STREETS.subList(0, 1 + step % 3)) filed.add(file(anonymous, street));
            String next = filed.get(step);
            assertThat(district.post("/api/projects/" + next + "/approve", "{\"batch\":\"2023-1\",\"responsibleUnit\":\"街道\","
                    + "\"deadline\":\"2024-06-30\",\"tasks\":[\"修缮\"]}").status()).isEqualTo(200);
            if (step % 3 == 1) finish(anonymous, filed.get(step - 1));
            if (step % 4 == 3) {
                String cancelled = filed.remove(filed.size() - 1);
                assertThat(district.post("/api/projects/" + cancelled + "/cancel", "{\"reason\":\"重复\"}").status()).isEqualTo(200);
            }
            assertThat(district.post("/api/appeal-volumes", "{\"street\":\"youanmen\",\"issueType\":\"HOUSE_LEAK\",\"month\":\"2023-0"
                    + (1 + step % 2) + "\",\"count\":" + (100 - step) + "}").status()).isIn(200, 201);
            anonymous.awaitCaughtUp();
            Map<String, JsonNode> now = new LinkedHashMap<>();
            FIGURES.forEach(path -> now.put(path, anonymous.get(path).body()));
            said.put(Instant.now(), now);
            RunningPool.sleep(5);
        }
        MongoTemplate mongo = anonymous.context().getBean(MongoTemplate.class);
        assertThat(mongo.getCollection("statistics_checkpoints").countDocuments()).as("copies of the counters").isGreaterThan(3);

        // The past is for signed-in readers; it must say what the present said to everyone.
        RunningPool auditor = anonymous.as("auditor");
        said.forEach((instant, figures) -> figures.forEach((path, figure) ->
                assertThat(auditor.get(path + (path.contains("?") ? "&" : "?") + "asOf=" + instant).body())
                        .as("%s as of %s", path, instant).isEqualTo(figure)));
        assertThat(auditor.get("/api/statistics/batches/2023-1?asOf=" + beforeTheBatch).status()).isEqualTo(404);
        assertThat(auditor.get("/api/statistics/district?asOf=" + beforeTheBatch).body().path("projects").asLong()).isZero();
    }

    private static String file(RunningPool anonymous, String street) {
        RunningPool.Answer filed = anonymous.as("street." + street).post("/api/projects", """
                {"street":"%s","title":"房屋滴漏","category":"HOUSING","issueTypes":["HOUSE_LEAK"],"channel":"HOTLINE","estimatedCost":5000}"""
                .formatted(street));
        assertThat(filed.status()).as(filed.raw().body()).isEqualTo(201);
        return filed.body().path("id").asString();
    }

    private static void finish(RunningPool anonymous, String id) {
        String street = anonymous.as("auditor").get("/api/projects/" + id).body().path("street").asString();
        RunningPool office = anonymous.as("street." + street);
        assertThat(office.post("/api/projects/" + id + "/start", "{}").status()).isEqualTo(200);
        assertThat(office.post("/api/projects/" + id + "/complete", "{\"actualCost\":4800,\"summary\":\"修好\"}").status()).isEqualTo(200);
    }
}
