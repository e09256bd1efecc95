package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone application starts on an empty data folder, takes a command, answers a query, and keeps its data. */
class SmokeTest {

    @TempDir
    Path data;

    @Test
    void startsTakesACommandAnswersAQueryAndKeepsTheDataAcrossARestart() {
        try (RunningPool pool = RunningPool.start(data)) {
            assertThat(pool.get("/actuator/health/readiness").body().path("status").asString()).isEqualTo("UP");
            assertThat(pool.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}").status())
                    .isEqualTo(401);
            RunningPool.Answer created = pool.as("district").post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body().path("version").asLong()).isZero();

            RunningPool.Answer batch = pool.await("/api/batches/2024-1", b -> b.path("status").asString().equals("OPEN"));
            assertThat(batch.body().path("name").asString()).isEqualTo("第一批");
            assertThat(pool.get("/api/projects").body().path("total").asLong()).isZero();
        }
        try (RunningPool again = RunningPool.start(data)) {
            assertThat(again.get("/api/batches/2024-1").status()).isEqualTo(200);
            assertThat(again.as("district").post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"again\",\"year\":2024}").status())
                    .isEqualTo(409);
        }
    }
}
