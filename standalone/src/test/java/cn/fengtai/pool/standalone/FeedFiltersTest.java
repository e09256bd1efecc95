package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed's filters (type, repeatable; subject; street; since), each combined with the reading rules. */
class FeedFiltersTest {

    @TempDir
    Path data;

    private static String file(RunningPool pool, String street) {
        return pool.as("street." + street).post("/api/projects", """
                {"street":"%s","title":"房屋滴漏","category":"HOUSING","issueTypes":["HOUSE_LEAK"],"channel":"HOTLINE","estimatedCost":5000}"""
                .formatted(street)).body().path("id").asString();
    }

    private static List<String> subjects(RunningPool reader, String query) {
        RunningPool.Answer answer = reader.get("/api/events?after=-1&" + query);
        assertThat(answer.status()).as(query + ": " + answer.raw().body()).isEqualTo(200);
        return answer.body().path("events").findValuesAsString("subject");
    }

    @Test
    void filtersNarrowTheFeedAndNeverWidenTheReadingRules() {
        try (RunningPool pool = RunningPool.start(data)) {
            pool.as("district").post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
            String xiluoyuan = file(pool, "xiluoyuan");
            String fangzhuang = file(pool, "fangzhuang");
            pool.as("district").post("/api/projects/" + xiluoyuan + "/reject", "{\"reason\":\"重复\"}");
            RunningPool.sleep(20);
            Instant later = Instant.now();
            RunningPool.sleep(20);
            String lugouqiao = file(pool, "lugouqiao");
            RunningPool auditor = pool.as("auditor");

            assertThat(subjects(auditor, "type=cn.fengtai.pool.project.ProjectFiled.v2"))
                    .containsExactly(xiluoyuan, fangzhuang, lugouqiao);
            assertThat(subjects(auditor, "type=cn.fengtai.pool.project.ProjectFiled.v2&type=cn.fengtai.pool.batch.BatchCreated.v1"))
                    .containsExactly("2024-1", xiluoyuan, fangzhuang, lugouqiao);
            assertThat(subjects(auditor, "subject=" + xiluoyuan)).containsExactly(xiluoyuan, xiluoyuan);
            assertThat(subjects(auditor, "street=fangzhuang")).containsExactly(fangzhuang);
            assertThat(subjects(auditor, "since=" + later)).containsExactly(lugouqiao);
            // a street office's filter for another street finds nothing: the reading rules still hold
            assertThat(subjects(pool.as("street.xiluoyuan"), "street=fangzhuang")).isEmpty();
            assertThat(subjects(pool.as("street.xiluoyuan"), "type=cn.fengtai.pool.project.ProjectFiled.v2")).containsExactly(xiluoyuan);

            assertThat(auditor.get("/api/events?type=nope").status()).isEqualTo(400);
            assertThat(auditor.get("/api/events?street=mars").status()).isEqualTo(400);
            assertThat(auditor.get("/api/events?since=yesterday").status()).isEqualTo(400);
            assertThat(auditor.get("/api/events?subject=a&subject=b").status()).as("one subject").isEqualTo(400);
            for (String empty : List.of("subject=", "type=", "street=")) {
                RunningPool.Answer answer = auditor.get("/api/events?" + empty);
                assertThat(answer.status()).as(empty).isEqualTo(400);
                assertThat(answer.raw().body()).contains("empty");
            }
        }
    }
}
