package cn.fengtai.pool.standalone;

import cn.fengtai.pool.events.audit.EventChain;
import cn.fengtai.pool.events.audit.Signatures;
import cn.fengtai.pool.events.audit.VerifyExport;
import cn.fengtai.pool.wiring.SerialAppendEngine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event altered directly in the database, on the embedded H2 and on PostgreSQL, is caught at exactly its position
 * by the verify endpoint and rejected by the offline verifier; rewriting the hash chain to match does not help,
 * because the signed checkpoint no longer matches.
 */
class TamperEvidenceTest {

    @TempDir
    Path data;

    @Test
    void onTheEmbeddedH2() throws Exception {
        try (RunningPool pool = RunningPool.start(data)) {
            alterAndCatch(pool);
        }
    }

    @Test
    void onPostgres() throws Exception {
        try (PostgresSchema schema = PostgresSchema.require();
             RunningPool pool = RunningPool.start(data, schema.properties(PostgresSchema.PORT))) {
            alterAndCatch(pool);
        }
    }

    private void alterAndCatch(RunningPool pool) throws Exception {
        RunningPool district = pool.as("district");
        RunningPool auditor = pool.as("auditor");
        district.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
        for (int i = 0; i < 4; i++) {
            pool.as("street.changxindian").post("/api/projects", """
                    {"street":"changxindian","title":"自行车停放治理 %d","category":"CONVENIENT_TRAVEL","issueTypes":["BICYCLE_MANAGEMENT"],
                     "channel":"WECHAT","estimatedCost":2000}""".formatted(i));
        }
        assertThat(auditor.post("/api/audit/checkpoints", "{}").status()).isEqualTo(201);
        assertThat(pool.as("street.changxindian").post("/api/audit/checkpoints", "{}").status()).isEqualTo(403);

        JsonNode intact = auditor.get("/api/audit/verify").body();
        assertThat(intact.path("valid").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.path("events").asLong()).isEqualTo(5);
        PublicKey key = Signatures.publicKey(Files.readString(data.resolve("audit-ed25519.pub")));
        assertThat(offline(auditor, key).valid()).isTrue();
        assertThat(pool.get("/api/audit/verify").status()).isEqualTo(401);

        JdbcTemplate jdbc = pool.context().getBean(JdbcTemplate.class);
        List<Long> positions = jdbc.queryForList("SELECT global_index FROM domain_event_entry ORDER BY global_index", Long.class);
        long altered = positions.get(2);

        // The proof of one event: that event and the few after it up to its checkpoint, checked with the key alone.
        com.fasterxml.jackson.databind.JsonNode proof = new ObjectMapper().readTree(auditor.get("/api/audit/proof/" + altered).raw().body());
        assertThat(proof.path("events")).hasSize(positions.size() - 2);
        VerifyExport.Result proven = VerifyExport.verify(proof, key);
        assertThat(proven.valid()).as(String.valueOf(proven.problem())).isTrue();
        assertThat(proven.first()).isEqualTo(altered);
        ((ObjectNode) proof).put("previousGlobalHash", EventChain.GENESIS);
        assertThat(VerifyExport.verify(proof, key).valid()).as("a proof started from another hash").isFalse();
        assertThat(auditor.get("/api/audit/proof/99999").status()).isEqualTo(404);
        assertThat(pool.get("/api/audit/proof/" + altered).status()).isEqualTo(401);
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class, altered);
        String forged = new String(payload, StandardCharsets.UTF_8).replace("自行车", "摩托车");
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", forged.getBytes(StandardCharsets.UTF_8), altered);

        JsonNode caught = auditor.get("/api/audit/verify").body();
        assertThat(caught.path("valid").asBoolean()).isFalse();
        assertThat(caught.path("position").asLong()).isEqualTo(altered);
        assertThat(offline(auditor, key).valid()).isFalse();
        assertThat(VerifyExport.verify(new ObjectMapper().readTree(auditor.get("/api/audit/proof/" + altered).raw().body()), key)
                .valid()).as("the altered event's proof").isFalse();

        // A forger with database access recomputes every hash after the altered event: the chain is consistent again,
        // but the signed checkpoint is not.
        String global = jdbc.queryForObject("SELECT global_hash FROM event_chain WHERE global_index = ?", String.class, positions.get(1)).strip();
        for (long position : positions.subList(2, positions.size())) {
            EventChain.Row row = jdbc.queryForObject(SerialAppendEngine.ROWS + " WHERE global_index = ?", SerialAppendEngine.ROW, position);
            String canonical = EventChain.canonical(row);
            global = EventChain.link(global, canonical);
            jdbc.update("UPDATE event_chain SET aggregate_hash = ?, global_hash = ? WHERE global_index = ?",
                    EventChain.link(EventChain.GENESIS, canonical), global, position);
        }
        JsonNode forgedChain = auditor.get("/api/audit/verify").body();
        assertThat(forgedChain.path("valid").asBoolean()).isFalse();
        assertThat(forgedChain.path("position").asLong()).isEqualTo(positions.get(positions.size() - 1));
        VerifyExport.Result offline = offline(auditor, key);
        assertThat(offline.valid()).isFalse();
        assertThat(offline.problem()).contains("checkpoint");
    }

    private static VerifyExport.Result offline(RunningPool auditor, PublicKey key) throws Exception {
        RunningPool.Answer export = auditor.get("/api/audit/export");
        assertThat(export.status()).isEqualTo(200);
        return VerifyExport.verify(new ObjectMapper().readTree(export.raw().body()), key);
    }
}
