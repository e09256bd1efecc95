package cn.fengtai.pool.standalone;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import cn.fengtai.pool.query.project.ProjectProjection;
import com.mongodb.client.MongoCollection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MongoDB (the read models and their tokens) becomes unreachable: commands keep being accepted, readiness reports the
 * read models down, projections pause and retry, and when MongoDB is back they catch up with nothing lost or doubled.
 * Then a rebuild is interrupted by a restart and finishes after it.
 */
class ReadModelOutageTest {

    @TempDir
    Path data;

    @Test
    void commandsAreAcceptedWhileReadModelsAreAwayAndProjectionsCatchUpAfter() throws Exception {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        try (TcpProxy proxy = new TcpProxy(mongo.getLocalAddress().getPort());
             RunningPool pool = RunningPool.start(data, "pool.embedded-mongo=false",
                     "spring.mongodb.uri=mongodb://127.0.0.1:" + proxy.port() + "/projectpool?serverSelectionTimeoutMS=2000&connectTimeoutMS=1000")) {
            RunningPool office = pool.as("street.wulidian");
            List<String> ids = new ArrayList<>();
            ids.add(file(office, 0));
            pool.as("auditor").await("/api/projects?size=1", p -> p.path("total").asLong() == 1);

            proxy.cut();
            for (int i = 1; i <= 10; i++) {
                ids.add(file(office, i));
            }
            assertThat(pool.get("/actuator/health/readiness").status()).isEqualTo(503);

            proxy.restore();
            JsonNode page = pool.as("auditor").await("/api/projects?size=200", p -> p.path("total").asLong() == ids.size()).body();
            assertThat(page.path("total").asLong()).isEqualTo(ids.size());
            List<String> seen = new ArrayList<>();
            page.path("items").forEach(item -> seen.add(item.path("id").asString()));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
            page.path("items").forEach(item -> assertThat(item.path("version").asLong()).isZero());
            assertThat(pool.await("/actuator/health/readiness", h -> h.path("status").asString().equals("UP")).status()).isEqualTo(200);
        } finally {
            mongo.shutdownNow();
        }
    }

    @Test
    void aRebuildInterruptedByARestartFinishesAfterIt() {
        List<String> ids = new ArrayList<>();
        long version;
        try (RunningPool pool = RunningPool.start(data)) {
            RunningPool office = pool.as("street.wulidian");
            for (int i = 0; i < 150; i++) ids.add(file(office, i));
            pool.as("auditor").await("/api/projects?size=1", p -> p.path("total").asLong() == ids.size());
            version = pool.as("auditor").get("/api/projects/" + ids.get(0)).body().path("version").asLong();
            assertThat(pool.as("district").post("/api/admin/projections/projects/rebuild", "{}").status()).isEqualTo(202);
            JsonNode status = pool.as("auditor").get("/api/admin/projections").body().get(0);
            System.out.println("stopping with the projects rebuild at progress " + status.path("progress").asDouble()
                    + ", rebuilding=" + status.path("rebuilding").asBoolean());
        }
        try (RunningPool again = RunningPool.start(data)) {
            JsonNode page = again.as("auditor").await("/api/projects?size=200", p -> p.path("total").asLong() == ids.size()).body();
            assertThat(page.path("total").asLong()).isEqualTo(ids.size());
            JsonNode status = again.as("auditor").await("/api/admin/projections",
                    list -> !list.get(0).path("rebuilding").asBoolean() && list.get(0).path("progress").asDouble() == 1.0).body();
            assertThat(status.get(0).path("rebuilding").asBoolean()).isFalse();
            assertThat(status.get(0).path("generation").asInt()).as("the rebuilt generation answers").isEqualTo(2);
            assertThat(again.as("auditor").get("/api/projects/" + ids.get(0)).body().path("version").asLong()).isEqualTo(version);
        }
        try (RunningPool third = RunningPool.start(data)) {
            var mongo = third.context().getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
            assertThat(mongo.collectionExists("projects")).as("the replaced generation is dropped at the next start").isFalse();
            assertThat(mongo.collectionExists("projects_g2")).isTrue();
            assertThat(third.as("auditor").get("/api/projects?size=1").body().path("total").asLong()).isEqualTo(ids.size());
        }
    }

    /**
     * An event that fails in the middle of a batch is parked with its project, never skipped, and nothing else waits:
     * the filing after it in the same batch is applied. The failure is made real: the view of a project is taken away
     * while its cancellation waits in the same batch as another filing. Once the view is back, a retry applies the
     * parked cancellation.
     */
    @Test
    void anEventThatFailsInABatchIsParkedNotSkipped() {
        try (RunningPool pool = RunningPool.start(data)) {
            RunningPool office = pool.as("street.wulidian");
            String first = file(office, 0);
            pool.as("auditor").await("/api/projects?size=1", p -> p.path("total").asLong() == 1);
            StreamingEventProcessor projects = pool.context().getBean(EventProcessingConfiguration.class)
                    .eventProcessor(ProjectProjection.NAME, StreamingEventProcessor.class).orElseThrow();
            MongoCollection<Document> views = pool.context().getBean(MongoTemplate.class).getCollection("projects");
            Document view = views.find(new Document("_id", first)).first();
            assertThat(view).isNotNull();

            projects.shutDown();
            assertThat(pool.as("district").post("/api/projects/" + first + "/cancel", "{\"reason\":\"重复立项\"}").status()).isEqualTo(200);
            // The view cannot reach the cancellation while its processor is stopped: said so, not a stale 200.
            RunningPool.Answer behind = pool.as("auditor").get("/api/projects/" + first + "?minVersion=1");
            assertThat(behind.status()).isEqualTo(202);
            assertThat(behind.body().path("version").asLong()).isZero();
            String second = file(office, 1);
            views.deleteOne(new Document("_id", first));
            projects.start();
            JsonNode page = pool.as("auditor").await("/api/projects?size=10", p -> p.path("total").asLong() == 1
                    && p.path("items").get(0).path("id").asString().equals(second)).body();
            assertThat(page.path("items").get(0).path("id").asString()).as("the filing after the failure").isEqualTo(second);
            JsonNode status = pool.as("auditor").await("/api/admin/projections", list -> list.get(0).path("parked").asLong() == 1).body();
            assertThat(status.get(0).path("parked").asLong()).as("the cancellation is parked").isEqualTo(1);
            assertThat(status.get(0).path("error").asBoolean()).isFalse();

            views.insertOne(view);
            assertThat(pool.as("district").post("/api/admin/projections/projects/parked/retry", "").body().path("parked").asLong())
                    .isZero();
            assertThat(pool.as("auditor").await("/api/projects/" + first, p -> p.path("status").asString().equals("CANCELLED"))
                    .body().path("status").asString()).as("the failed event itself is applied").isEqualTo("CANCELLED");
            assertThat(pool.as("auditor").get("/api/projects?size=10").body().path("total").asLong()).isEqualTo(2);
        }
    }

    private static String file(RunningPool office, int n) {
        RunningPool.Answer filed = office.post("/api/projects", """
                {"street":"wulidian","title":"公共服务设施 %d","category":"LIVABLE_ENVIRONMENT","issueTypes":["PUBLIC_FACILITIES"],
                 "channel":"SUGGESTION_BOX","estimatedCost":100}""".formatted(n));
        assertThat(filed.status()).as(filed.raw().body()).isEqualTo(201);
        return filed.body().path("id").asString();
    }
}
