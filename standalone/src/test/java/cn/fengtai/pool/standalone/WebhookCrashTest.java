package cn.fengtai.pool.standalone;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook receiver that is down for a while, then slow, and the application killed with SIGKILL in the middle of
 * delivering to it, then started again: every matching event arrives at least once, each a CloudEvent with a valid
 * Standard Webhooks signature, and in store order (a message seen again after the restart is one already received,
 * never one that skips ahead of a missing one).
 */
class WebhookCrashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PROJECTS = 30;

    @TempDir
    Path data;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebhooksTest.Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean receiverDown = true;

    @Test
    void everyEventArrivesInOrderAtLeastOnceThroughAnOutageAndAKill() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (receiverDown) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                RunningPool.sleep(100); // a slow receiver: the kill lands in the middle of the deliveries
                received.add(new WebhooksTest.Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"), new String(body, StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
        int port = PoolProcess.freePort();
        List<String> filed = new ArrayList<>();
        String secret;
        Process app = launch(port);
        try {
            PoolProcess.awaitReady(port, Duration.ofSeconds(90));
            JsonNode created = JSON.readTree(post(port, "/api/webhooks", """
                    {"url":"http://127.0.0.1:%d/hook","types":["cn.fengtai.pool.project.ProjectFiled.v2"]}"""
                    .formatted(receiver.getAddress().getPort())).body());
            secret = created.path("secret").asString();
            for (int i = 0; i < PROJECTS; i++) filed.add(file(port, i));
            RunningPool.sleep(3_000); // the receiver down: deliveries fail and are retried
            assertThat(received).isEmpty();
            receiverDown = false;
            long deadline = System.currentTimeMillis() + 60_000;
            while (received.size() < PROJECTS / 3 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            app.destroyForcibly(); // SIGKILL while delivering
            app.waitFor(10, TimeUnit.SECONDS);
        } finally {
            app.destroyForcibly();
        }
        int beforeKill = received.size();
        assertThat(beforeKill).as("the kill came in the middle of the deliveries").isBetween(1, PROJECTS - 1);
        Process again = launch(port);
        try {
            PoolProcess.awaitReady(port, Duration.ofSeconds(90));
            filed.add(file(port, PROJECTS));
            long deadline = System.currentTimeMillis() + 90_000;
            while (distinctSubjects().size() < filed.size() && System.currentTimeMillis() < deadline) Thread.sleep(50);
        } finally {
            again.destroyForcibly();
            again.waitFor(10, TimeUnit.SECONDS);
            receiver.stop(0);
        }
        assertThat(new ArrayList<>(distinctSubjects())).as("every event, first arrivals in store order").isEqualTo(filed);
        long last = -1;
        Set<Long> seen = new LinkedHashSet<>();
        for (WebhooksTest.Received message : received) {
            assertThat(WebhooksTest.verified(secret, message)).as(message.id()).isTrue();
            JsonNode event = JSON.readTree(message.body());
            assertThat(event.path("specversion").asString()).isEqualTo("1.0");
            assertThat(event.path("id").asString()).isEqualTo(message.id());
            long position = event.path("position").asLong();
            assertThat(position > last || seen.contains(position)).as("position %d after %d: in order, or a repeat", position, last)
                    .isTrue();
            seen.add(position);
            last = Math.max(last, position);
        }
        System.out.println("webhook crash: " + beforeKill + " delivered before the kill, " + received.size()
                + " deliveries in all for " + filed.size() + " events");
    }

    private Set<String> distinctSubjects() {
        Set<String> subjects = new LinkedHashSet<>();
        for (WebhooksTest.Received message : received) subjects.add(JSON.readTree(message.body()).path("subject").asString());
        return subjects;
    }

    private String file(int port, int i) throws Exception {
        HttpResponse<String> answer = post(port, "/api/projects", """
                {"street":"xiluoyuan","title":"楼道照明 %d","category":"HOUSING","issueTypes":["HOUSE_LEAK"],"channel":"HOTLINE","estimatedCost":1000}"""
                .formatted(i));
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
        return JSON.readTree(answer.body()).path("id").asString();
    }

    private HttpResponse<String> post(int port, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("district:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Process launch(int port) throws IOException {
        return PoolProcess.launch("512m", data.resolve("app-" + UUID.randomUUID() + ".log"),
                List.of("--pool.data-dir=" + data.resolve("pool"), "--server.port=" + port,
                        "--pool.webhooks.allow-private-addresses=true", "--pool.webhooks.retry-base-ms=200",
                        "--pool.webhooks.poll-ms=100"));
    }
}
