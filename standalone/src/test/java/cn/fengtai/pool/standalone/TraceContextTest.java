package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's W3C {@code traceparent} reaches the events' metadata, the CloudEvents ({@code traceparent} extension) and
 * the log lines of the request and of the projections that handle its events, as structured (ECS) JSON.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceContextTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    @TempDir
    Path data;

    @Test
    void aRequestsTraceIsFollowedFromTheCommandToTheProjections(CapturedOutput output) throws Exception {
        try (RunningPool pool = RunningPool.start(data, "logging.structured.format.console=ecs",
                "logging.level.cn.fengtai.pool.command.dispatch=DEBUG",
                "logging.level.cn.fengtai.pool.query.readmodel.FoldingProjection=DEBUG")) {
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pool.base + "/api/batches"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("district:demo".getBytes()))
                    .header("Content-Type", "application/json").header("traceparent", "00-" + TRACE + "-b7ad6b7169203331-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            pool.awaitCaughtUp();

            JsonNode event = pool.as("auditor").get("/api/events?after=-1").body().path("events").get(0);
            assertThat(event.path("traceparent").asString()).matches("00-" + TRACE + "-[0-9a-f]{16}-01");

            List<JsonNode> lines = output.getOut().lines().filter(line -> line.startsWith("{") && line.contains(TRACE))
                    .map(line -> RunningPool.JSON.readTree(line)).toList();
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("log").path("logger").asString()).endsWith("CommandRunner");
                assertThat(line.path("traceId").asString()).isEqualTo(TRACE);
            });
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("log").path("logger").asString()).endsWith("FoldingProjection");
                assertThat(line.path("process").path("thread").path("name").asString()).startsWith("EventProcessor");
                assertThat(line.path("traceId").asString()).isEqualTo(TRACE);
                assertThat(line.path("correlationId").asString()).isNotBlank();
            });
        }
    }

    @Test
    void aMalformedTraceparentStartsATraceOfItsOwn() throws Exception {
        try (RunningPool pool = RunningPool.start(data)) {
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pool.base + "/api/batches"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("district:demo".getBytes()))
                    .header("Content-Type", "application/json").header("traceparent", "00-zz-<script>-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"2024-2\",\"name\":\"第二批\",\"year\":2024}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            pool.awaitCaughtUp();
            JsonNode event = pool.as("auditor").get("/api/events?after=-1").body().path("events").get(0);
            assertThat(event.path("traceparent").asString()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        }
    }
}
