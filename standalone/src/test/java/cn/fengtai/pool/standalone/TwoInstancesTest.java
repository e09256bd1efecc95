package cn.fengtai.pool.standalone;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the pool against one event store (PostgreSQL) and one read-model database publish each event to
 * RabbitMQ once: only the holder of the publisher's lease publishes. Killed with SIGKILL, the holder's lease lapses,
 * the other instance takes over from the stored position: every event arrives, in order, with no gap, and each event
 * published before the kill exactly once.
 */
class TwoInstancesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void oneInstancePublishesAndTheOtherTakesOverWhenItDies() throws Exception {
        requireRabbitMq();
        String exchange = "two-" + UUID.randomUUID();
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        RabbitAdmin admin = new RabbitAdmin(connections);
        admin.declareExchange(new TopicExchange(exchange, true, false));
        admin.declareQueue(new Queue(exchange, false, false, false));
        admin.declareBinding(BindingBuilder.bind(new Queue(exchange)).to(new TopicExchange(exchange)).with("#"));
        MongoServer mongo = new MongoServer(new H2Backend(new MVStore.Builder().open()));
        InetSocketAddress mongoAddress = mongo.bind();
        Process first = null;
        Process second = null;
        try (PostgresSchema schema = PostgresSchema.require()) {
            int firstPort = PoolProcess.freePort();
            int secondPort = PoolProcess.freePort();
            first = launch(schema, mongoAddress, exchange, firstPort, "first");
            PoolProcess.awaitReady(firstPort, Duration.ofSeconds(120));
            second = launch(schema, mongoAddress, exchange, secondPort, "second");
            PoolProcess.awaitReady(secondPort, Duration.ofSeconds(120));
            post(secondPort, "district", "/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
            for (int i = 0; i < 10; i++) file(i % 2 == 0 ? firstPort : secondPort);
            List<Long> feed = positions(secondPort);
            List<Long> before = receive(connections, exchange, feed.size(), Duration.ofSeconds(30));
            assertThat(before).as("published once each, in order, before the kill").isEqualTo(feed);

            first.destroyForcibly(); // SIGKILL: its lease is not given back, it lapses
            first.waitFor(10, TimeUnit.SECONDS);
            for (int i = 0; i < 10; i++) file(secondPort);
            List<Long> all = positions(secondPort);
            List<Long> after = receive(connections, exchange, all.size() - feed.size(), Duration.ofSeconds(60));
            List<Long> overall = new ArrayList<>(before);
            after.stream().filter(position -> !overall.contains(position)).forEach(overall::add);
            assertThat(overall).as("every event at least once, in order, no gap").isEqualTo(all);
            assertThat(after).isSorted();
        } finally {
            if (first != null) first.destroyForcibly();
            if (second != null) second.destroyForcibly();
            mongo.shutdown();
            admin.deleteQueue(exchange);
            admin.deleteExchange(exchange);
            connections.destroy();
        }
    }

    private static void requireRabbitMq() {
        try (Socket ignored = new Socket("127.0.0.1", 5672)) {
            // reachable
        } catch (IOException e) {
            String message = "RabbitMQ is not reachable at 127.0.0.1:5672; start it with: rabbitmq-server -detached";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(message);
            Assumptions.abort(message);
        }
    }

    private List<Long> receive(CachingConnectionFactory connections, String queue, int count, Duration within) {
        RabbitTemplate rabbit = new RabbitTemplate(connections);
        List<Long> positions = new ArrayList<>();
        long deadline = System.currentTimeMillis() + within.toMillis();
        while (positions.size() < count && System.currentTimeMillis() < deadline) {
            Message message = rabbit.receive(queue, 500);
            if (message != null) positions.add(JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8)).path("position").asLong());
        }
        // anything beyond what was expected would be a second publication
        Message extra;
        while ((extra = rabbit.receive(queue, 1_000)) != null) {
            positions.add(JSON.readTree(new String(extra.getBody(), StandardCharsets.UTF_8)).path("position").asLong());
        }
        return positions;
    }

    private Process launch(PostgresSchema schema, InetSocketAddress mongo, String exchange, int port, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of("--pool.data-dir=" + data.resolve(name), "--server.port=" + port, "--pool.embedded-mongo=false",
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + mongo.getPort() + "/pool", "--pool.rabbitmq.enabled=true",
                "--pool.rabbitmq.exchange=" + exchange));
        for (String property : schema.properties(PostgresSchema.PORT)) command.add("--" + property);
        return PoolProcess.launch("384m", data.resolve(name + ".log"), command);
    }

    private void file(int port) throws Exception {
        HttpResponse<String> answer = post(port, "street.xiluoyuan", "/api/projects",
                "{\"street\":\"xiluoyuan\",\"title\":\"停车\",\"category\":\"CONVENIENT_TRAVEL\",\"issueTypes\":[\"PARKING\"],\"channel\":\"HOTLINE\",\"estimatedCost\":1000}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    private List<Long> positions(int port) throws Exception {
        List<Long> positions = new ArrayList<>();
        JsonNode page = JSON.readTree(get(port, "/api/events?after=-1&limit=1000").body());
        page.path("events").forEach(event -> positions.add(event.path("position").asLong()));
        return positions;
    }


    private HttpResponse<String> post(int port, String user, String path, String body) throws Exception {
        return http.send(request(port, user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(request(port, "auditor", path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(int port, String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }

}
