package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's peer ({@code pool.event-store.mode=stock}) is the same application appending as Axon's JDBC engine
 * does: commands work and their events are stored, but no append lock is taken and no hash chain is extended.
 */
class StockModeTest {

    @TempDir
    Path data;

    @Test
    void commandsAreStoredWithoutTheLockOrTheChain() throws Exception {
        try (PostgresSchema schema = PostgresSchema.require();
             RunningPool pool = RunningPool.start(data, schema.properties(PostgresSchema.PORT, "pool.event-store.mode=stock"))) {
            JdbcTemplate jdbc = pool.context().getBean(JdbcTemplate.class);
            RunningPool.Answer filed = pool.as("street.xiluoyuan").post("/api/projects", """
                    {"street":"xiluoyuan","title":"楼道照明","category":"HOUSING","issueTypes":["HOUSE_LEAK"],"channel":"HOTLINE","estimatedCost":1}""");
            assertThat(filed.status()).isEqualTo(201);
            assertThat(pool.as("street.xiluoyuan").post("/api/projects/" + filed.body().path("id").asString() + "/reject",
                    "{\"reason\":\"x\"}").status()).isEqualTo(403);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_chain", Long.class)).as("no chain").isZero();
            assertThat(jdbc.queryForObject("SELECT appends FROM event_append_lock WHERE id = 1", Long.class)).as("no lock").isZero();
        }
    }
}
