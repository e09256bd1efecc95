package cn.fengtai.pool.standalone;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks as API.md has them: each matching event POSTed to the receiver as its CloudEvent, signed as the Standard
 * Webhooks specification says (checked here by a second implementation of the spec), in store order, the next only
 * after a 2xx; a receiver that fails gets the same event again later; redelivery from a position; only the district
 * sets them up; internal addresses are refused unless allowed.
 */
class WebhooksTest {

    record Received(String id, String timestamp, String signature, String body) {
    }

    @TempDir
    static Path data;
    static RunningPool pool;
    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger failuresToGive = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresToGive.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            if (status == 204) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"), new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        receiver.start();
        pool = RunningPool.start(data, "pool.webhooks.allow-private-addresses=true", "pool.webhooks.retry-base-ms=200",
                "pool.webhooks.poll-ms=100");
    }

    @AfterAll
    static void stop() {
        pool.close();
        receiver.stop(0);
    }

    private static String hook(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static String file(String street) {
        return pool.as("street." + street).post("/api/projects", """
                {"street":"%s","title":"房屋滴漏","category":"HOUSING","issueTypes":["HOUSE_LEAK"],"channel":"HOTLINE","estimatedCost":5000}"""
                .formatted(street)).body().path("id").asString();
    }

    /** The Standard Webhooks signature, computed here from the specification's text, not with the server's code. */
    static boolean verified(String secret, Received message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(
                (message.id() + "." + message.timestamp() + "." + message.body()).getBytes(StandardCharsets.UTF_8)));
        for (String signature : message.signature().split(" ")) {
            if (signature.equals("v1," + expected)) return true;
        }
        return false;
    }

    private static void awaitReceived(int count) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (received.size() < count && System.currentTimeMillis() < deadline) RunningPool.sleep(50);
        assertThat(received).hasSizeGreaterThanOrEqualTo(count);
    }

    @Test
    void matchingEventsArriveSignedInOrderAndAFailureIsRetried() throws Exception {
        received.clear();
        JsonNode created = pool.as("district").post("/api/webhooks", """
                {"url":"%s","types":["cn.fengtai.pool.project.ProjectFiled.v2"],"streets":["xiluoyuan","fangzhuang"],"description":"财政系统"}"""
                .formatted(hook("/hook"))).body();
        String secret = created.path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        failuresToGive.set(2);
        List<String> filed = new ArrayList<>();
        filed.add(file("xiluoyuan"));
        file("lugouqiao");
        filed.add(file("fangzhuang"));
        filed.add(file("xiluoyuan"));
        awaitReceived(3);
        RunningPool.sleep(500);
        assertThat(received).hasSize(3);
        List<String> subjects = new ArrayList<>();
        for (Received message : received) {
            assertThat(verified(secret, message)).as(message.toString()).isTrue();
            JsonNode event = RunningPool.JSON.readTree(message.body());
            assertThat(event.path("specversion").asString()).isEqualTo("1.0");
            assertThat(event.path("id").asString()).isEqualTo(message.id());
            subjects.add(event.path("subject").asString());
        }
        assertThat(subjects).as("in store order, the failed one first").containsExactlyElementsOf(filed);

        String id = created.path("id").asString();
        JsonNode deliveries = pool.as("auditor").get("/api/webhooks/" + id + "/deliveries").body();
        assertThat(deliveries.findValuesAsString("status")).containsOnly("DELIVERED");
        assertThat(deliveries.get(deliveries.size() - 1).path("attempts").asInt()).as("the first event: two failures, then 2xx").isEqualTo(3);
        JsonNode shown = pool.as("auditor").get("/api/webhooks/" + id).body();
        assertThat(shown.has("secret")).isFalse();
        String metrics = pool.as("district").get("/actuator/prometheus").raw().body();
        assertThat(metrics).contains("pool_webhooks_deliveries_total{outcome=\"delivered\"}")
                .contains("pool_webhooks_deliveries_total{outcome=\"failed\"}");
        assertThat(shown.path("enabled").asBoolean()).isTrue();

        received.clear();
        assertThat(pool.as("district").post("/api/webhooks/" + id + "/redeliver?from=99999999", null).status())
                .as("beyond the store's head").isEqualTo(400);
        assertThat(pool.as("district").post("/api/webhooks/" + id + "/redeliver?from=-1", null).status()).isEqualTo(200);
        awaitReceived(3);
        assertThat(pool.as("district").send("DELETE", "/api/webhooks/" + id).status()).isEqualTo(204);
        assertThat(pool.as("auditor").get("/api/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void onlyTheDistrictSetsThemUpAndBadSubscriptionsAreRefused() throws Exception {
        String body = "{\"url\":\"" + hook("/hook") + "\"}";
        assertThat(pool.post("/api/webhooks", body).status()).isEqualTo(401);
        assertThat(pool.as("auditor").post("/api/webhooks", body).status()).isEqualTo(403);
        assertThat(pool.as("street.xiluoyuan").get("/api/webhooks").status()).isEqualTo(403);
        assertThat(pool.get("/api/webhooks").status()).isEqualTo(401);
        RunningPool district = pool.as("district");
        RunningPool.Answer ftp = district.post("/api/webhooks", "{\"url\":\"ftp://example.org/x\"}");
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.body().path("title").asString()).as("a body's field, not a query parameter").isEqualTo("Invalid input");
        assertThat(ftp.body().path("errors").get(0).path("field").asString()).isEqualTo("url");
        assertThat(district.post("/api/webhooks", "{\"url\":\"" + hook("/hook") + "\",\"types\":[\"nope\"]}").status()).isEqualTo(400);
        assertThat(district.post("/api/webhooks", "{\"url\":\"" + hook("/hook") + "\",\"streets\":[\"mars\"]}").status()).isEqualTo(400);
        assertThat(district.post("/api/webhooks", "{\"url\":\"" + hook("/hook") + "\",\"secret\":\"mine\"}").status()).isEqualTo(400);
        assertThat(district.post("/api/webhooks", "[1]").status()).isEqualTo(400);
        assertThat(district.post("/api/webhooks", "{\"url\":\"" + hook("/a") + "\",\"url\":\"" + hook("/b") + "\"}").status())
                .as("a key given twice").isEqualTo(400);
        assertThat(district.post("/api/webhooks", "{\"url\":\"" + hook("/hook") + "\",\"description\":\"\\ud800\"}").status())
                .as("an unpaired surrogate").isEqualTo(400);
        assertThat(district.post("/api/webhooks", "{\"url\":\"http://1.1.1.1:99999/\"}").status()).isEqualTo(400);

        // The same Idempotency-Key and body: the same subscription, once; another body: refused.
        RunningPool.Answer first = district.post("/api/webhooks", body, "hook-key-1");
        RunningPool.Answer again = district.post("/api/webhooks", body, "hook-key-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.body().path("id").asString()).isEqualTo(first.body().path("id").asString());
        assertThat(district.post("/api/webhooks", "{\"url\":\"" + hook("/other") + "\"}", "hook-key-1").status()).isEqualTo(422);
        long same = 0;
        for (JsonNode hook : pool.as("auditor").get("/api/webhooks").body()) {
            if (hook.path("id").asString().equals(first.body().path("id").asString())) same++;
        }
        assertThat(same).isEqualTo(1);
        district.send("DELETE", "/api/webhooks/" + first.body().path("id").asString());
    }

    @Test
    void internalAddressesAreRefusedUnlessAllowedAndRedirectsAreNotFollowed(@TempDir Path other) throws Exception {
        try (RunningPool strict = RunningPool.start(other)) {
            for (String url : List.of("http://127.0.0.1:9/x", "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data",
                    "http://[::1]/x", "http://localhost/x", "http://192.168.1.1/x", "http://[::7f00:1]/", "http://[::127.0.0.1]/",
                    "http://[::ffff:0:7f00:1]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/",
                    "http://240.0.0.1/", "http://255.255.255.255/", "http://198.18.0.1/", "http://192.0.2.1/", "http://2130706433/")) {
                RunningPool.Answer answer = strict.as("district").post("/api/webhooks", "{\"url\":\"" + url + "\"}");
                assertThat(answer.status()).as(url).isEqualTo(400);
                assertThat(answer.raw().body()).as(url).contains("internal address");
            }
            assertThat(strict.as("district").post("/api/webhooks", "{\"url\":\"http://0177.0.0.1/\"}").raw().body())
                    .contains("ambiguous");
        }
        received.clear();
        JsonNode moved = pool.as("district").post("/api/webhooks", "{\"url\":\"" + hook("/moved") + "\"}").body();
        file("youanmen");
        long deadline = System.currentTimeMillis() + 5_000;
        JsonNode shown = pool.as("auditor").get("/api/webhooks/" + moved.path("id").asString()).body();
        while (shown.path("lastError").isNull() && System.currentTimeMillis() < deadline) {
            RunningPool.sleep(100);
            shown = pool.as("auditor").get("/api/webhooks/" + moved.path("id").asString()).body();
        }
        assertThat(shown.path("lastError").asString()).isEqualTo("answered 302");
        pool.as("district").send("DELETE", "/api/webhooks/" + moved.path("id").asString());
    }
}
