package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL becomes unreachable under the running application: commands answer 503 quickly with a problem detail,
 * readiness goes down, nothing is half written, and service resumes by itself when the database is back.
 */
class StoreOutageTest {

    @TempDir
    Path data;

    @Test
    void commandsAnswer503WhileTheEventStoreIsAwayAndResumeAfter() throws Exception {
        try (PostgresSchema schema = PostgresSchema.require();
             TcpProxy proxy = new TcpProxy(PostgresSchema.PORT);
             RunningPool pool = RunningPool.start(data, schema.properties(proxy.port()))) {
            RunningPool district = pool.as("district");
            assertThat(district.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}").status()).isEqualTo(201);

            proxy.cut();
            long started = System.nanoTime();
            RunningPool.Answer refused = district.post("/api/batches", "{\"id\":\"2024-2\",\"name\":\"第二批\",\"year\":2024}");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(503);
            assertThat(refused.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(millis).as("answered quickly").isLessThan(15_000);
            assertThat(pool.get("/actuator/health/readiness").status()).isEqualTo(503);

            proxy.restore();
            RunningPool.Answer ready = pool.await("/actuator/health/readiness", health -> health.path("status").asString().equals("UP"));
            assertThat(ready.status()).isEqualTo(200);
            assertThat(district.post("/api/batches", "{\"id\":\"2024-2\",\"name\":\"第二批\",\"year\":2024}").status()).isEqualTo(201);
            assertThat(pool.as("auditor").await("/api/audit/verify", v -> v.path("events").asLong() == 2).body().path("valid").asBoolean())
                    .isTrue();
        }
    }
}
