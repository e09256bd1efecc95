package cn.fengtai.pool.standalone;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** The standalone application started for real, on a random port, on a data folder the test chooses. */
final class RunningPool implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private final ConfigurableApplicationContext context;
    private final HttpClient http;
    private final String authorization;
    final String base;

    private RunningPool(ConfigurableApplicationContext context) {
        this(context, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), null);
    }

    private RunningPool(ConfigurableApplicationContext context, HttpClient http, String authorization) {
        this.context = context;
        this.http = http;
        this.authorization = authorization;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** The same running application, spoken to as a demo account (password {@code demo}); null for anonymous. */
    RunningPool as(String user) {
        String token = user == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new RunningPool(context, http, token);
    }

    static RunningPool start(Path dataDir, String... properties) {
        // Command-line arguments, because they outrank application.yml (builder properties are mere defaults).
        String[] arguments = new String[properties.length + 2];
        arguments[0] = "--pool.data-dir=" + dataDir;
        arguments[1] = "--server.port=0";
        for (int i = 0; i < properties.length; i++) {
            arguments[i + 2] = "--" + properties[i];
        }
        return new RunningPool(new SpringApplicationBuilder(StandaloneApplication.class).run(arguments));
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    /** How many events the event store holds, counted in its table. */
    long storedEvents() {
        return context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    Answer post(String path, String json, String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A request without a body, by any method (DELETE, ...). */
    Answer send(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Polls a query until its answer satisfies the condition (read models are eventually consistent). */
    Answer await(String path, Predicate<JsonNode> condition) {
        long deadline = System.currentTimeMillis() + 30_000;
        Answer answer = get(path);
        while (!(answer.status() == 200 && condition.test(answer.body())) && System.currentTimeMillis() < deadline) {
            sleep(50);
            answer = get(path);
        }
        return answer;
    }

    /** Waits (as an auditor) until every read model has reached the store's head and none is rebuilding. */
    void awaitCaughtUp() {
        as("auditor").await("/api/admin/projections", list -> {
            for (JsonNode p : list) {
                if (p.path("position").asLong() != p.path("headPosition").asLong() || p.path("rebuilding").asBoolean()) return false;
            }
            return true;
        });
    }

    private Answer send(HttpRequest.Builder request) {
        if (authorization != null) request.header("Authorization", authorization);
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
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

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
