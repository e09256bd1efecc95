package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gaps in the global sequence on PostgreSQL (AxonFramework issue 4829). Rolled-back appends leave positions that never
 * commit; an append transaction held open longer than Axon's gap timeout makes every other append wait behind it
 * (appends are serialised), so no event can commit below a position a reader has already passed. The projections and
 * the integrator feed see every committed event exactly once.
 */
class GapTest {

    @TempDir
    Path data;

    @Test
    void everyCommittedEventIsSeenOnceDespiteRollbacksAndAnAppendHeldOpen() throws Exception {
        try (PostgresSchema schema = PostgresSchema.require();
             RunningPool pool = RunningPool.start(data, schema.properties(PostgresSchema.PORT, "pool.event-store.gap-timeout-ms=5000"))) {
            RunningPool district = pool.as("district");
            district.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
            district.post("/api/batches", "{\"id\":\"2024-9\",\"name\":\"已发布\",\"year\":2024}");
            district.post("/api/batches/2024-9/publish", "{}");

            // Rolled-back appends: the batch appends ProjectListed, then the project refuses; the position is lost. Sent
            // with an idempotency key, so that the request appends in its own transaction: through the group commit a
            // refused request never reaches the table, and leaves no gap.
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = file(pool, i);
                ids.add(id);
                assertThat(district.post("/api/projects/" + id + "/reject", "{\"reason\":\"r\"}").status()).isEqualTo(200);
                assertThat(district.post("/api/projects/" + id + "/approve",
                        "{\"batch\":\"2024-1\",\"responsibleUnit\":\"u\",\"deadline\":\"2024-06-30\",\"tasks\":[\"t\"]}",
                        "refused-approval-" + i).status()).isEqualTo(409);
            }

            // An append held open (12 s) well past the gap timeout (5 s here) while other clients try to commit.
            JdbcTemplate jdbc = pool.context().getBean(JdbcTemplate.class);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<String>> waiting = new ArrayList<>();
            try (Connection holder = schema.connect()) {
                holder.setAutoCommit(false);
                holder.createStatement().executeUpdate("UPDATE event_append_lock SET appends = appends + 1 WHERE id = 1");
                for (int i = 0; i < 8; i++) {
                    int n = 100 + i;
                    waiting.add(clients.submit(() -> file(pool, n)));
                }
                Thread.sleep(12_000);
                assertThat(waiting).as("appends wait behind the open one").noneMatch(Future::isDone);
                holder.rollback();
            }
            for (Future<String> f : waiting) ids.add(f.get(60, TimeUnit.SECONDS));
            clients.shutdown();

            long stored = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
            long maxPosition = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
            assertThat(maxPosition).as("rolled-back appends left gaps").isGreaterThan(stored);

            List<Long> feed = new ArrayList<>();
            long after = -1;
            while (true) {
                JsonNode page = pool.as("auditor").get("/api/events?limit=7&after=" + after).body();
                if (page.path("events").isEmpty()) break;
                page.path("events").forEach(e -> feed.add(e.path("position").asLong()));
                after = page.path("next").asLong();
            }
            assertThat(feed).hasSize((int) stored).doesNotHaveDuplicates().isSorted();
            JsonNode projects = pool.as("auditor").await("/api/projects?size=1", p -> p.path("total").asLong() == 18).body();
            assertThat(projects.path("total").asLong()).isEqualTo(18);
            JsonNode figures = pool.await("/api/statistics/district", d -> d.path("byStatus").path("REJECTED").asLong() == 10).body();
            assertThat(figures.path("byStatus").path("REJECTED").asLong()).isEqualTo(10);
            assertThat(figures.path("byStatus").path("FILED").asLong()).isEqualTo(8);
            assertThat(figures.path("listed").asLong()).isZero();
            assertThat(pool.as("auditor").get("/api/audit/verify").body().path("valid").asBoolean()).isTrue();
        }
    }

    private static String file(RunningPool pool, int n) {
        RunningPool.Answer filed = pool.as("street.huaxiang").post("/api/projects", """
                {"street":"huaxiang","title":"环境整治 %d","category":"LIVABLE_ENVIRONMENT","issueTypes":["ENVIRONMENT_CLEANUP"],
                 "channel":"DOOR_VISIT","estimatedCost":100}""".formatted(n));
        assertThat(filed.status()).as(filed.raw().body()).isEqualTo(201);
        return filed.body().path("id").asString();
    }
}
