package cn.fengtai.pool.command.postgres;

import cn.fengtai.pool.command.CommandSideApplication;
import cn.fengtai.pool.command.web.Http;
import cn.fengtai.pool.events.fund.FundAllocated;
import cn.fengtai.pool.events.project.ProjectFunded;
import cn.fengtai.pool.events.project.ProjectProgressReported;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conflicting commands from many clients at once, against the real PostgreSQL: the fund never overruns, no update is
 * lost, no event is stored twice, nobody gets a 500, and the outcome equals some serial order.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrencyTest {

    static final String SCHEMA = Postgres.newSchema();
    static final int THREADS = 8;

    @Autowired
    Environment environment;
    @Autowired
    EventStorageEngine storage;
    Http district;
    Http finance;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> Postgres.urlFor(SCHEMA));
        registry.add("spring.datasource.username", () -> Postgres.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "12");
        registry.add("pool.security.demo-accounts", () -> "true");
    }

    @BeforeAll
    static void requirePostgres() {
        Postgres.requireRunning();
    }

    @AfterAll
    static void dropSchema() {
        Postgres.drop(SCHEMA);
    }

    @BeforeEach
    void connect() {
        Http anonymous = new Http(Integer.parseInt(environment.getProperty("local.server.port")));
        district = anonymous.as("district");
        finance = anonymous.as("finance");
    }

    @Test
    void runsOnPostgres() {
        assertThat(storage).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql:");
    }

    @Test
    void manyClientsFundingFromOneFundNeverOverrunItsBudget() throws Exception {
        district.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"第一批\",\"year\":2024}");
        finance.post("/api/funds", "{\"id\":\"2024\",\"year\":2024,\"budget\":100000}");
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = district.post("/api/projects", """
                    {"street":"fengtai","title":"违法建设拆除%d","category":"LIVABLE_ENVIRONMENT",
                     "issueTypes":["ILLEGAL_CONSTRUCTION"],"channel":"DOOR_VISIT","estimatedCost":5000}""".formatted(i)).id();
            assertThat(district.post("/api/projects/" + id + "/approve", """
                    {"batch":"2024-1","responsibleUnit":"丰台街道","deadline":"2024-06-30","tasks":["拆除"]}""").status())
                    .isEqualTo(200);
            projects.add(id);
        }

        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        runConcurrently(projects.stream().<Callable<Void>>map(id -> () -> {
            statuses.put(id, finance.post("/api/projects/" + id + "/fund", "{\"fund\":\"2024\",\"amount\":5000}").status());
            return null;
        }).toList());

        assertThat(statuses.values()).allMatch(s -> s == 200 || s == 409 || s == 422);
        long funded = statuses.values().stream().filter(s -> s == 200).count();
        long exhausted = statuses.values().stream().filter(s -> s == 422).count();
        List<FundAllocated> allocations = events("2024", FundAllocated.class);
        assertThat(allocations).hasSize((int) funded);
        assertThat(allocations.stream().map(FundAllocated::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isLessThanOrEqualTo(new BigDecimal("100000"));
        assertThat(allocations.stream().map(FundAllocated::projectId).distinct()).hasSize((int) funded);
        if (exhausted > 0) {
            // A refusal for lack of money happens only once the budget is spent: 20 allocations of 5,000.
            assertThat(funded).isEqualTo(20);
        }
        for (String id : projects) {
            assertThat(events(id, ProjectFunded.class)).hasSize(statuses.get(id) == 200 ? 1 : 0);
        }
    }

    @Test
    void manyClientsReportingProgressOnOneProjectKeepItOrdered() throws Exception {
        district.post("/api/batches", "{\"id\":\"2024-9\",\"name\":\"进度\",\"year\":2024}");
        String id = district.post("/api/projects", """
                {"street":"yungang","title":"道路维修","category":"CONVENIENT_TRAVEL","issueTypes":["ROAD_REPAIR"],
                 "channel":"HOTLINE","estimatedCost":80000}""").id();
        district.post("/api/projects/" + id + "/approve", """
                {"batch":"2024-9","responsibleUnit":"云岗街道","deadline":"2024-09-30","tasks":["修路"]}""");
        district.as("street.yungang").postWithoutBody("/api/projects/" + id + "/start");

        List<Integer> statuses = new ArrayList<>();
        List<Callable<Void>> reports = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            int percent = (i * 37) % 101;
            reports.add(() -> {
                int status = district.as("street.yungang").post("/api/projects/" + id + "/progress", "{\"percent\":" + percent + "}").status();
                synchronized (statuses) {
                    statuses.add(status);
                }
                return null;
            });
        }
        runConcurrently(reports);

        assertThat(statuses).allMatch(s -> s == 200 || s == 409 || s == 422);
        List<ProjectProgressReported> reported = events(id, ProjectProgressReported.class);
        assertThat(reported).hasSize((int) statuses.stream().filter(s -> s == 200).count());
        for (int i = 1; i < reported.size(); i++) {
            assertThat(reported.get(i).percent()).isGreaterThanOrEqualTo(reported.get(i - 1).percent());
        }
        List<Long> sequences = storage.readEvents(id).asStream().map(DomainEventMessage::getSequenceNumber).toList();
        assertThat(sequences).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void theSameIdempotencyKeyFromManyClientsStoresOnce() throws Exception {
        String body = """
                {"street":"kandan","title":"管线改造","category":"HOUSING","issueTypes":["PIPELINE_RENOVATION"],
                 "channel":"WECHAT","estimatedCost":60000}""";
        List<String> ids = new ArrayList<>();
        List<Callable<Void>> posts = new ArrayList<>();
        for (int i = 0; i < THREADS * 2; i++) {
            posts.add(() -> {
                Http.Answer answer = district.post("/api/projects", body, "same-key-42");
                assertThat(answer.status()).isIn(200, 201);
                synchronized (ids) {
                    ids.add(answer.id());
                }
                return null;
            });
        }
        runConcurrently(posts);

        assertThat(ids).hasSize(THREADS * 2).containsOnly(ids.get(0));
        assertThat(storage.readEvents(ids.get(0)).asStream().count()).isEqualTo(1);
    }

    private <T> List<T> events(String aggregateId, Class<T> type) {
        return storage.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private static void runConcurrently(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (Future<Void> future : pool.invokeAll(tasks)) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
