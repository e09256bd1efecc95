package cn.fengtai.pool.command.web;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for tests that talk to the running command side over the wire. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        public String id() {
            return body.path("id").asString();
        }

        public long version() {
            return body.path("version").asLong();
        }
    }

    private final HttpClient client;
    private final String base;
    private final String authorization;

    /** An anonymous client. */
    public Http(int port) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), "http://127.0.0.1:" + port, null);
    }

    private Http(HttpClient client, String base, String authorization) {
        this.client = client;
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client signed in as a demo account (password {@code demo}). */
    public Http as(String user) {
        String token = java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Http(client, base, "Basic " + token);
    }

    public Answer post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer post(String path, String json, String idempotencyKey) {
        return send(request(path).header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST whose reader prefers the given language (Accept-Language). */
    public Answer postIn(String language, String path, String json) {
        return send(request(path).header("Accept-Language", language).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer postWithoutBody(String path) {
        return send(signed(HttpRequest.newBuilder(URI.create(base + path))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path) {
        return signed(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json"));
    }

    private HttpRequest.Builder signed(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body = json && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
