package cn.fengtai.pool.command.web;

import cn.fengtai.pool.command.CommandSideApplication;
import cn.fengtai.pool.events.ActorMetaData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization table of the README, cell by cell: every command, tried by every kind of caller on a project
 * (or batch, or fund) prepared so that the command would succeed for its rightful caller. Allowed callers get 2xx,
 * signed-in callers outside their role or street get 403, anonymous callers and wrong passwords get 401.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:authorization;DB_CLOSE_DELAY=-1",
                "spring.datasource.username=sa", "spring.datasource.password=", "pool.security.demo-accounts=true"})
class AuthorizationMatrixTest {

    static final List<String> CALLERS = List.of("anonymous", "wrong-password", "district", "finance", "auditor",
            "street.xiluoyuan", "street.fengtai", "dept.transport", "dept.water-affairs");
    static final AtomicInteger IDS = new AtomicInteger();

    /** One row of the table: how to prepare, what to send, and who may send it. */
    record Row(String command, Set<String> allowed, Function<AuthorizationMatrixTest, String> prepare, String pathFormat,
               String body) {
    }

    static final List<Row> TABLE = List.of(
            new Row("file", Set.of("district", "street.xiluoyuan"), t -> "", "/api/projects", """
                    {"street":"xiluoyuan","title":"停车","category":"CONVENIENT_TRAVEL","issueTypes":["PARKING"],"channel":"HOTLINE","estimatedCost":1}"""),
            new Row("approve", Set.of("district"), t -> t.filed(), "/api/projects/%s/approve", "{\"batch\":\"%b\",\"responsibleUnit\":\"u\",\"deadline\":\"2024-06-30\",\"tasks\":[\"t\"]}"),
            new Row("reject", Set.of("district"), t -> t.filed(), "/api/projects/%s/reject", "{\"reason\":\"r\"}"),
            new Row("fund", Set.of("finance"), t -> t.approved(), "/api/projects/%s/fund", "{\"fund\":\"F\",\"amount\":1}"),
            new Row("start", Set.of("street.xiluoyuan"), t -> t.approved(), "/api/projects/%s/start", "{}"),
            new Row("summon", Set.of("street.xiluoyuan"), t -> t.approved(), "/api/projects/%s/summon", "{\"departments\":[\"transport\"]}"),
            new Row("report-in", Set.of("dept.transport"), t -> t.summoned(), "/api/projects/%s/report-in", "{\"department\":\"transport\",\"commitment\":\"c\"}"),
            new Row("progress", Set.of("street.xiluoyuan", "dept.transport"), t -> t.started(), "/api/projects/%s/progress", "{\"percent\":10}"),
            new Row("complete", Set.of("street.xiluoyuan"), t -> t.started(), "/api/projects/%s/complete", "{\"actualCost\":1,\"summary\":\"s\"}"),
            new Row("evaluate", Set.of("district"), t -> t.completed(), "/api/projects/%s/evaluate", "{\"rating\":\"GOOD\"}"),
            new Row("carry-over", Set.of("district"), t -> t.approved(), "/api/projects/%s/carry-over", "{\"toBatch\":\"%n\",\"reason\":\"r\"}"),
            new Row("cancel", Set.of("district"), t -> t.filed(), "/api/projects/%s/cancel", "{\"reason\":\"r\"}"),
            new Row("create batch", Set.of("district"), t -> "", "/api/batches", "{\"id\":\"%n\",\"name\":\"n\",\"year\":2024}"),
            new Row("publish batch", Set.of("district"), t -> t.batch(), "/api/batches/%s/publish", "{}"),
            new Row("close batch", Set.of("district"), t -> t.publishedBatch(), "/api/batches/%s/close", "{\"carryOverTo\":\"%n\"}"),
            new Row("create fund", Set.of("finance"), t -> "", "/api/funds", "{\"id\":\"f%i\",\"year\":2024,\"budget\":1}"),
            new Row("appeal volume", Set.of("district"), t -> "", "/api/appeal-volumes", "{\"street\":\"xiluoyuan\",\"issueType\":\"PARKING\",\"month\":\"2024-01\",\"count\":%c}"));

    @Autowired
    Environment environment;
    @Autowired
    EventStore eventStore;
    Http anonymous;
    static String batch;

    @BeforeEach
    void connect() {
        anonymous = new Http(Integer.parseInt(environment.getProperty("local.server.port")));
        if (batch == null) {
            batch = newBatch();
            as("finance").post("/api/funds", "{\"id\":\"F\",\"year\":2024,\"budget\":100000000}");
        }
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Row row : TABLE) {
            for (String caller : CALLERS) {
                int expected = row.allowed().contains(caller) ? 200
                        : caller.equals("anonymous") || caller.equals("wrong-password") ? 401 : 403;
                cells.add(Arguments.of(row.command(), caller, expected, row));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("cells")
    void everyCommandByEveryCaller(String command, String caller, int expected, Row row) {
        String id = row.prepare().apply(this);
        String path = row.pathFormat().contains("%s") ? row.pathFormat().formatted(id) : row.pathFormat();
        String target = newBatchId();
        String body = row.body().replace("%b", batch).replace("%n", target).replace("%i", String.valueOf(IDS.incrementAndGet()))
                .replace("%c", String.valueOf(IDS.incrementAndGet()));
        Http client = switch (caller) {
            case "anonymous" -> anonymous;
            case "wrong-password" -> anonymous.as("district-with-a-wrong-password");
            default -> as(caller);
        };
        if (row.body().contains("%n") && !command.equals("create batch")) {
            as("district").post("/api/batches", "{\"id\":\"" + target + "\",\"name\":\"n\",\"year\":2024}");
        }
        Http.Answer answer = client.post(path, body);
        if (expected == 200) {
            assertThat(answer.status()).as(answer.raw().body()).isBetween(200, 201);
        } else {
            assertThat(answer.status()).as(answer.raw().body()).isEqualTo(expected);
            assertThat(answer.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void aForgedActorInTheBodyIsIgnored() {
        Http.Answer filed = as("street.xiluoyuan").post("/api/projects", """
                {"street":"xiluoyuan","title":"停车","category":"CONVENIENT_TRAVEL","issueTypes":["PARKING"],"channel":"HOTLINE",
                 "estimatedCost":1,"actor":{"user":"district","role":"DISTRICT"},"actorUser":"district","actorRole":"DISTRICT"}""");
        assertThat(filed.status()).isEqualTo(201);
        DomainEventMessage<?> event = eventStore.readEvents(filed.id()).asStream().findFirst().orElseThrow();
        assertThat(event.getMetaData()).containsEntry(ActorMetaData.USER, "street.xiluoyuan")
                .containsEntry(ActorMetaData.ROLE, "STREET").containsEntry(ActorMetaData.STREET, "xiluoyuan");
    }

    @Test
    void aDepartmentSignedInCannotReportInForAnother() {
        String id = summoned();
        assertThat(as("dept.water-affairs").post("/api/projects/" + id + "/report-in",
                "{\"department\":\"transport\",\"commitment\":\"c\"}").status()).isEqualTo(403);
    }

    Http as(String user) {
        return anonymous.as(user);
    }

    String newBatchId() {
        return "2024-" + IDS.incrementAndGet();
    }

    String newBatch() {
        String id = newBatchId();
        assertThat(as("district").post("/api/batches", "{\"id\":\"" + id + "\",\"name\":\"n\",\"year\":2024}").status()).isEqualTo(201);
        return id;
    }

    String batch() {
        return newBatch();
    }

    String publishedBatch() {
        String id = newBatch();
        as("district").post("/api/batches/" + id + "/publish", "{}");
        return id;
    }

    String filed() {
        return as("street.xiluoyuan").post("/api/projects", """
                {"street":"xiluoyuan","title":"停车","category":"CONVENIENT_TRAVEL","issueTypes":["PARKING"],"channel":"HOTLINE","estimatedCost":1}""").id();
    }

    String approved() {
        String id = filed();
        ok(as("district").post("/api/projects/" + id + "/approve",
                "{\"batch\":\"" + batch + "\",\"responsibleUnit\":\"u\",\"deadline\":\"2024-06-30\",\"tasks\":[\"t\"]}"));
        return id;
    }

    String summoned() {
        String id = approved();
        ok(as("street.xiluoyuan").post("/api/projects/" + id + "/summon", "{\"departments\":[\"transport\"]}"));
        return id;
    }

    String started() {
        String id = summoned();
        ok(as("street.xiluoyuan").post("/api/projects/" + id + "/start", "{}"));
        return id;
    }

    String completed() {
        String id = started();
        ok(as("street.xiluoyuan").post("/api/projects/" + id + "/complete", "{\"actualCost\":1,\"summary\":\"s\"}"));
        return id;
    }

    private static void ok(Http.Answer answer) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    }

}
