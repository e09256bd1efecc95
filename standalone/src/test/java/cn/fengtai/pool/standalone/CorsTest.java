package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frontend on another origin listed in {@code pool.cors.allowed-origins} may call the API and read the headers it
 * needs (ETag, Location, Retry-After, Last-Event-ID); an origin not listed is refused.
 */
class CorsTest {

    @TempDir
    Path data;

    @Test
    void aListedOriginMayCallAndReadTheHeadersItNeeds() throws Exception {
        try (RunningPool pool = RunningPool.start(data, "pool.cors.allowed-origins=https://page.example")) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> preflight = client.send(HttpRequest.newBuilder(URI.create(pool.base + "/api/batches"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://page.example")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://page.example");

            HttpResponse<String> read = client.send(HttpRequest.newBuilder(URI.create(pool.base + "/api/statistics/district"))
                    .header("Origin", "https://page.example").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                    .contains("ETag", "Location", "Retry-After", "Last-Event-ID");

            HttpResponse<String> stranger = client.send(HttpRequest.newBuilder(URI.create(pool.base + "/api/batches"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://elsewhere.example")
                    .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stranger.statusCode()).isEqualTo(403);
        }
    }
}
