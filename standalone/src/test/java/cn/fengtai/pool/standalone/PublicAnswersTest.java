package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The public page's answers, kept by the application ({@code PublicAnswers}) until a read model changes. */
class PublicAnswersTest {

    @TempDir
    static Path data;
    static RunningPool pool;

    @BeforeAll
    static void start() {
        pool = RunningPool.start(data);
        pool.as("district").post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    /**
     * An anonymous answer is kept until a read model changes: asked again it is the same bytes without being computed
     * (the hits count), a listed project changes it at once, and a signed-in reader's answer is never taken from it.
     */
    @Test
    void publicAnswersAreKeptUntilAReadModelChanges() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.util.function.Supplier<java.net.http.HttpResponse<String>> district = () -> {
            try {
                return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(pool.base + "/api/statistics/district"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        pool.awaitCaughtUp();
        var first = district.get();
        double hits = kept("hit");
        var again = district.get();
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(again.headers().firstValue("Cache-Control")).hasValue("public, max-age=10");
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(kept("hit")).as("answered without computing it again").isEqualTo(hits + 1);
        long listed = pool.get("/api/statistics/district").body().path("listed").asLong();

        String id = pool.as("street.xiluoyuan").post("/api/projects", """
                {"street":"xiluoyuan","title":"缓存之后","category":"HOUSING","issueTypes":["HOUSE_LEAK"],"channel":"HOTLINE","estimatedCost":1}"""
        ).body().path("id").asString();
        pool.as("district").post("/api/projects/" + id + "/approve",
                "{\"batch\":\"2024-1\",\"responsibleUnit\":\"单位\",\"deadline\":\"2030-06-30\",\"tasks\":[\"修\"]}");
        pool.awaitCaughtUp();
        var changed = district.get();
        assertThat(RunningPool.JSON.readTree(changed.body()).path("listed").asLong()).as("the new project counts at once")
                .isEqualTo(listed + 1);
        assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(first.headers().firstValue("ETag"));
        double before = kept("hit") + kept("miss");
        assertThat(pool.as("auditor").get("/api/statistics/district").body().path("listed").asLong()).isEqualTo(listed + 1);
        assertThat(kept("hit") + kept("miss")).as("a signed-in reader's answer is not kept").isEqualTo(before);

        // A project: its answer is kept too, and its next move changes it at once.
        RunningPool.Answer project = pool.get("/api/projects/" + id);
        assertThat(pool.get("/api/projects/" + id).raw().headers().firstValue("ETag"))
                .isEqualTo(project.raw().headers().firstValue("ETag"));
        assertThat(pool.as("street.xiluoyuan").post("/api/projects/" + id + "/start", "{}").status()).isEqualTo(200);
        pool.awaitCaughtUp();
        assertThat(pool.get("/api/projects/" + id).body().path("status").asString()).isEqualTo("IN_PROGRESS");
    }

    private static double kept(String outcome) {
        String metrics = pool.as("district").get("/actuator/prometheus").raw().body();
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("pool_answers_kept_total\\{outcome=\"" + outcome + "\"\\} (\\S+)")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

}
