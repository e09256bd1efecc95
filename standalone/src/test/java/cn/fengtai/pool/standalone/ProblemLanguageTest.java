package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Problem titles follow the reader's Accept-Language on both sides: Chinese first gets Chinese, English English. */
class ProblemLanguageTest {

    @TempDir
    Path data;

    private static JsonNode problem(RunningPool pool, String language, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pool.base + path)).header("Accept-Language", language)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("district:demo".getBytes()))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
        return RunningPool.JSON.readTree(answer.body());
    }

    @Test
    void titlesAreInTheReadersLanguage() throws Exception {
        try (RunningPool pool = RunningPool.start(data)) {
            assertThat(problem(pool, "zh-CN,zh;q=0.9", "GET", "/api/statistics/hotspots?period=x", null).path("title").asString())
                    .isEqualTo("查询参数有误");
            assertThat(problem(pool, "en", "GET", "/api/statistics/hotspots?period=x", null).path("title").asString())
                    .isEqualTo("Invalid query");
            assertThat(problem(pool, "zh-CN", "GET", "/api/projects/nobody", null).path("title").asString()).isEqualTo("未找到");
            assertThat(problem(pool, "zh-CN", "POST", "/api/batches", "{\"id\":\"2024-1\"}").path("title").asString())
                    .isEqualTo("输入有误");
            assertThat(problem(pool, "zh-TW,en;q=0.5", "POST", "/api/projects/nobody/start", "{}").path("title").asString())
                    .isEqualTo("未找到");
        }
    }
}
