package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import killed with SIGKILL in its middle, then uploaded again: every row is stored exactly once (the rows stored
 * before the kill come back `unchanged`, the others are stored now), and nothing is filed twice.
 */
class ImportCrashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROWS = 3_000;

    @TempDir
    Path data;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aKilledImportUploadedAgainStoresEveryRowExactlyOnce() throws Exception {
        StringBuilder csv = new StringBuilder("项目编号,街镇,项目名称,项目类别,诉求类型,来源渠道,预计金额（元）\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("C-").append(i).append(",西罗园街道,楼道照明").append(i).append(",改善居住条件,房屋滴漏,12345热线,1000\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        int port = PoolProcess.freePort();
        Process app = launch(port);
        try {
            PoolProcess.awaitReady(port, Duration.ofSeconds(90));
            CompletableFuture<HttpResponse<String>> first = upload(port, file);
            long deadline = System.currentTimeMillis() + 60_000;
            while (filed(port) < ROWS / 10 && System.currentTimeMillis() < deadline) Thread.sleep(50);
            app.destroyForcibly(); // SIGKILL in the middle of the import
            app.waitFor(10, TimeUnit.SECONDS);
            assertThat(first.handle((answer, failure) -> failure).get(10, TimeUnit.SECONDS)).as("the upload was cut").isNotNull();
        } finally {
            app.destroyForcibly();
        }
        Process again = launch(port);
        try {
            PoolProcess.awaitReady(port, Duration.ofSeconds(90));
            long before = filed(port);
            assertThat(before).as("some rows were stored before the kill, not all").isBetween(1L, ROWS - 1L);
            JsonNode report = JSON.readTree(upload(port, file).get(120, TimeUnit.SECONDS).body());
            assertThat(report.path("rows").asInt()).isEqualTo(ROWS);
            assertThat(report.path("rejected").asInt()).isZero();
            assertThat(report.path("unchanged").asInt()).as("the rows stored before the kill").isEqualTo((int) before);
            assertThat(report.path("accepted").asInt() + report.path("unchanged").asInt()).isEqualTo(ROWS);
            assertThat(filed(port)).as("each row filed exactly once").isEqualTo(ROWS);
        } finally {
            again.destroyForcibly();
            again.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Distinct filed projects in the event feed; a row filed twice would be two. */
    private long filed(int port) throws Exception {
        Set<String> titles = new HashSet<>();
        long count = 0;
        long after = -1;
        while (true) {
            HttpResponse<String> answer = http.send(request(port, "/api/events?limit=1000&type=cn.fengtai.pool.project.ProjectFiled.v2&after=" + after)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode page = JSON.readTree(answer.body());
            if (page.path("events").isEmpty()) break;
            for (JsonNode event : page.path("events")) {
                count++;
                titles.add(event.path("data").path("title").asString());
            }
            after = page.path("next").asLong();
        }
        assertThat(titles).as("no title filed twice").hasSize((int) count);
        return count;
    }

    private CompletableFuture<HttpResponse<String>> upload(int port, byte[] content) {
        Multipart upload = Multipart.file("list.csv", content);
        return http.sendAsync(request(port, "/api/imports/projects").header("Content-Type", upload.contentType())
                .timeout(Duration.ofSeconds(120)).POST(upload.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
    }



    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("district:demo".getBytes(StandardCharsets.UTF_8)));
    }

    private Process launch(int port) throws IOException {
        return PoolProcess.launch("512m", data.resolve("app-" + UUID.randomUUID() + ".log"),
                // answered when done, as a smaller sheet is: the upload is cut by the kill
                List.of("--pool.data-dir=" + data.resolve("pool"), "--server.port=" + port, "--pool.imports.async-rows=100000"));
    }
}
