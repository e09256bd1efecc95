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

/**
 * Problems follow the reader's Accept-Language on both sides, whoever answers them (a controller, the sign-in, the size
 * limit, the container): Chinese first gets a Chinese title and detail, English English.
 */
class ProblemLanguageTest {

    @TempDir
    Path data;

    private static JsonNode problem(RunningPool pool, String language, String method, String path, String body) throws Exception {
        return problem(pool, language, method, path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body), true);
    }

    private static JsonNode problem(RunningPool pool, String language, String method, String path,
                                    HttpRequest.BodyPublisher body, boolean signedIn) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pool.base + path)).header("Accept-Language", language)
                .header("Content-Type", "application/json");
        if (signedIn) request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("district:demo".getBytes()));
        request.method(method, body);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.headers().firstValue("Content-Language")).hasValue(language.startsWith("zh") ? "zh-CN" : "en");
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
            assertThat(problem(pool, "en;q=0.5,zh-CN;q=0", "GET", "/api/projects/nobody", null).path("title").asString())
                    .as("q=0: not Chinese").isEqualTo("Not found");
        }
    }

    @Test
    void detailsAreInTheReadersLanguageWhoeverAnswers() throws Exception {
        try (RunningPool pool = RunningPool.start(data)) {
            JsonNode unknownParameter = problem(pool, "zh-CN", "GET", "/api/projects?stauts=FILED", null);
            assertThat(unknownParameter.path("detail").asString()).isEqualTo("查询参数无法识别或取值不符合要求（字段：stauts）");
            assertThat(unknownParameter.path("errors").get(0).path("field").asString()).isEqualTo("stauts");
            assertThat(problem(pool, "en", "GET", "/api/projects?stauts=FILED", null).path("detail").asString())
                    .contains("no parameter 'stauts'");

            JsonNode tooLarge = problem(pool, "zh-CN", "POST", "/api/projects", "{\"title\":\"" + "长".repeat(100_000) + "\"}");
            assertThat(tooLarge.path("status").asInt()).isEqualTo(413);
            assertThat(tooLarge.path("title").asString()).isEqualTo("请求内容过大");
            assertThat(tooLarge.path("detail").asString()).matches("此地址的请求内容最多 \\d+ 字节");

            JsonNode chunked = problem(pool, "zh-CN", "POST", "/api/projects",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream("{}".getBytes())), true);
            assertThat(chunked.path("status").asInt()).isEqualTo(411);
            assertThat(chunked.path("detail").asString()).startsWith("请求内容须以 Content-Length 注明长度");

            JsonNode notSignedIn = problem(pool, "zh-CN", "POST", "/api/projects", HttpRequest.BodyPublishers.ofString("{}"), false);
            assertThat(notSignedIn.path("status").asInt()).isEqualTo(401);
            assertThat(notSignedIn.path("title").asString()).isEqualTo("请先登录");

            JsonNode brokenQuery = problem(pool, "zh-CN", "GET", "/api/projects?q=%FF", null);
            assertThat(brokenQuery.path("title").asString()).isEqualTo("请求有误");
            assertThat(brokenQuery.path("detail").asString()).isEqualTo("请求的格式有误");
            assertThat(problem(pool, "en", "GET", "/api/projects?q=%FF", null).path("detail").asString())
                    .contains("percent-encoded UTF-8");

            JsonNode nowhere = problem(pool, "zh-CN", "GET", "/api/nowhere", null);
            assertThat(nowhere.path("status").asInt()).isEqualTo(404);
            assertThat(nowhere.path("title").asString()).isEqualTo("未找到");
        }
    }
}
