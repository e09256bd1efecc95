package cn.fengtai.pool.standalone;

import cn.fengtai.pool.events.reference.ReferenceCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A year of the pool played through the HTTP API of the standalone application: a few hundred projects over all 26
 * streets, filed, rejected, approved on two batches, funded, started, completed, cancelled, carried over by closing
 * the first batch. Every published figure is then checked against a recount the test makes from what it sent, and
 * checked again after the application restarts on the same data.
 */
class PoolRecountTest {

    static final List<String> CATEGORIES = List.of("HOUSING", "PUBLIC_SAFETY", "LIVABLE_ENVIRONMENT", "CONVENIENT_TRAVEL");
    static final List<String> ISSUE_TYPES = List.copyOf(ReferenceCodes.issueTypes().keySet());
    static final List<String> STREETS = List.copyOf(ReferenceCodes.streets().keySet());
    static final List<String> STATUSES = List.of("FILED", "APPROVED", "REJECTED", "FUNDED", "IN_PROGRESS", "COMPLETED", "CANCELLED");

    /** What the test knows of each project from what it sent. */
    static final class Sent {
        final String street;
        final String category;
        final List<String> issueTypes;
        final List<String> batches = new ArrayList<>();
        String status = "FILED";
        BigDecimal funded = BigDecimal.ZERO;
        long version;

        Sent(String street, String category, List<String> issueTypes) {
            this.street = street;
            this.category = category;
            this.issueTypes = issueTypes;
        }

        boolean unfinished() {
            return status.equals("APPROVED") || status.equals("FUNDED") || status.equals("IN_PROGRESS");
        }

        String current() {
            return batches.isEmpty() ? null : batches.get(batches.size() - 1);
        }
    }

    @TempDir
    Path data;
    final Random random = new Random(20240801);
    final Map<String, Sent> sent = new LinkedHashMap<>();
    final Map<String, Integer> appeals = new TreeMap<>();

    @Test
    void everyFigureMatchesAnIndependentRecountAndSurvivesARestart() {
        Map<String, JsonNode> before;
        try (RunningPool pool = RunningPool.start(data, "pool.snapshots.every=20")) {
            play(pool);
            awaitProjects(pool);
            before = figures(pool);
            checkDistrict(before.get("district"));
            checkBatch(before.get("batch 2024-1"), "2024-1");
            checkBatch(before.get("batch 2024-2"), "2024-2");
            checkStreets(before.get("streets"), null);
            checkStreets(before.get("streets 2024-1"), "2024-1");
            checkAppeals(pool.await("/api/statistics/appeals?period=2024-H1",
                    a -> a.path("total").path("count").asLong() == expectedAppeals("2024")));
            checkLists(pool);
            // The batches and the fund gained more events than the snapshot interval: the approvals, fundings and the
            // closure above were decided on aggregates loaded from snapshots, and the figures still match.
            assertThat(pool.context().getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForList(
                    "SELECT DISTINCT type FROM snapshot_event_entry", String.class)).contains("Batch", "Fund");
            // Every event of this history, one or many to an append, is in the hash chain as the auditors' check
            // recomputes it.
            JsonNode verified = pool.as("auditor").get("/api/audit/verify").body();
            assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
            assertThat(verified.path("events").asLong()).isEqualTo(pool.storedEvents());
        }
        try (RunningPool again = RunningPool.start(data, "pool.snapshots.every=20")) {
            awaitProjects(again);
            assertThat(figures(again)).isEqualTo(before);
        }
        // Every read model rebuilt in batches of four, each batch reading back what the last one wrote. The same figures.
        try (RunningPool rebuilt = RunningPool.start(data, "pool.snapshots.every=20", "pool.projections.batch-size=4")) {
            rebuilt.awaitCaughtUp();
            for (String name : List.of("projects", "batches", "funds", "appeal-volumes")) {
                assertThat(rebuilt.as("district").post("/api/admin/projections/" + name + "/rebuild", null).status())
                        .isEqualTo(202);
            }
            rebuilt.awaitCaughtUp();
            awaitProjects(rebuilt);
            assertThat(figures(rebuilt)).isEqualTo(before);
        }
    }

    private void play(RunningPool anonymous) {
        RunningPool pool = anonymous.as("district");
        ok(pool.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"2024年第一批\",\"year\":2024}"));
        ok(pool.post("/api/batches", "{\"id\":\"2024-2\",\"name\":\"2024年第二批\",\"year\":2024}"));
        ok(pool.as("finance").post("/api/funds", "{\"id\":\"2024\",\"year\":2024,\"budget\":50000000}"));
        for (int i = 0; i < 260; i++) {
            String id = file(pool, STREETS.get(i % STREETS.size()));
            double fate = random.nextDouble();
            if (fate < 0.08) {
                send(pool, id, "reject", "{\"reason\":\"不符合申报条件\"}", "REJECTED");
            } else if (fate > 0.94) {
                continue;
            } else {
                runOnFirstBatch(pool, id);
            }
        }
        ok(pool.post("/api/batches/2024-1/publish", null));
        ok(pool.post("/api/batches/2024-1/close", "{\"carryOverTo\":\"2024-2\"}"));
        sent.values().stream().filter(p -> p.unfinished() && "2024-1".equals(p.current())).forEach(p -> {
            p.batches.add("2024-2");
            p.version++;
        });
        for (Map.Entry<String, Sent> e : new ArrayList<>(sent.entrySet())) {
            if (e.getValue().unfinished() && e.getValue().batches.size() == 2 && random.nextBoolean()) {
                finish(pool, e.getKey());
            }
        }
        for (int i = 0; i < 60; i++) {
            String id = file(pool, STREETS.get(random.nextInt(STREETS.size())));
            approve(pool, id, "2024-2");
            if (random.nextDouble() < 0.6) finish(pool, id);
        }
        recordAppeals(pool);
    }

    private void runOnFirstBatch(RunningPool pool, String id) {
        approve(pool, id, "2024-1");
        if (random.nextDouble() < 0.7) {
            BigDecimal amount = BigDecimal.valueOf(1000 + random.nextInt(89_000_00) / 100.0).setScale(2, RoundingMode.HALF_UP);
            send(pool, id, "fund", "{\"fund\":\"2024\",\"amount\":" + amount.toPlainString() + "}", null);
            Sent p = sent.get(id);
            p.funded = p.funded.add(amount);
            if (p.status.equals("APPROVED")) p.status = "FUNDED";
        }
        double next = random.nextDouble();
        if (next < 0.04) {
            send(pool, id, "cancel", "{\"reason\":\"拆迁\"}", "CANCELLED");
        } else if (next < 0.86) {
            finish(pool, id);
        } else if (next < 0.93) {
            send(pool, id, "start", null, "IN_PROGRESS");
        }
    }

    /** Starts the project if needed and, most of the time, completes it. */
    private void finish(RunningPool pool, String id) {
        if (!sent.get(id).status.equals("IN_PROGRESS")) send(pool, id, "start", null, "IN_PROGRESS");
        send(pool, id, "summon", "{\"departments\":[\"city-management\"],\"note\":\"吹哨\"}", null);
        send(pool, id, "progress", "{\"percent\":50}", null);
        if (random.nextDouble() < 0.8) {
            send(pool, id, "complete", "{\"actualCost\":1000,\"summary\":\"完成\"}", "COMPLETED");
        }
    }

    private String file(RunningPool pool, String street) {
        String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        Set<String> types = new HashSet<>();
        types.add(ISSUE_TYPES.get(random.nextInt(ISSUE_TYPES.size())));
        if (random.nextBoolean()) types.add(ISSUE_TYPES.get(random.nextInt(ISSUE_TYPES.size())));
        List<String> issueTypes = List.copyOf(types);
        RunningPool.Answer answer = pool.as("street." + street).post("/api/projects", """
                {"street":"%s","title":"民生项目 %d","category":"%s","issueTypes":%s,"channel":"DOOR_VISIT","estimatedCost":50000}"""
                .formatted(street, sent.size(), category, RunningPool.JSON.writeValueAsString(issueTypes)));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        String id = answer.body().path("id").asString();
        sent.put(id, new Sent(street, category, issueTypes));
        return id;
    }

    private void approve(RunningPool pool, String id, String batch) {
        send(pool, id, "approve", "{\"batch\":\"" + batch + "\",\"responsibleUnit\":\"街道办事处\",\"deadline\":\"2024-12-31\",\"tasks\":[\"实施\"]}", "APPROVED");
        sent.get(id).batches.add(batch);
    }

    private void send(RunningPool pool, String id, String command, String body, String status) {
        String user = switch (command) {
            case "fund" -> "finance";
            case "start", "summon", "progress", "complete" -> "street." + sent.get(id).street;
            default -> "district";
        };
        RunningPool.Answer answer = pool.as(user).post("/api/projects/" + id + "/" + command, body);
        assertThat(answer.status()).as(command + ": " + answer.raw().body()).isEqualTo(200);
        Sent p = sent.get(id);
        p.version++;
        assertThat(answer.body().path("version").asLong()).isEqualTo(p.version);
        if (status != null) p.status = status;
    }

    private void recordAppeals(RunningPool pool) {
        for (String street : List.of("xiluoyuan", "changxindian", "fengtai")) {
            for (String issueType : List.of("PARKING", "BICYCLE_MANAGEMENT")) {
                for (String year : List.of("2023", "2024")) {
                    for (int month = 1; month <= 7; month++) {
                        String key = street + "|" + issueType + "|" + year + "-" + "%02d".formatted(month);
                        int count = random.nextInt(60);
                        appeals.put(key, count);
                        record(pool, key, count);
                    }
                }
            }
        }
        appeals.put("xiluoyuan|PARKING|2024-03", 7);
        record(pool, "xiluoyuan|PARKING|2024-03", 7);
    }

    private static void record(RunningPool pool, String key, int count) {
        String[] k = key.split("\\|");
        RunningPool.Answer answer = pool.post("/api/appeal-volumes", "{\"street\":\"%s\",\"issueType\":\"%s\",\"month\":\"%s\",\"count\":%d}"
                .formatted(k[0], k[1], k[2], count));
        assertThat(answer.status()).isIn(200, 201);
    }

    private void awaitProjects(RunningPool anonymous) {
        RunningPool pool = anonymous.as("auditor");
        long total = sent.values().stream().mapToLong(p -> p.version).sum();
        pool.await("/api/projects?size=200&page=0", page -> page.path("total").asLong() == sent.size());
        for (Map.Entry<String, Sent> e : sent.entrySet()) {
            RunningPool.Answer view = pool.get("/api/projects/" + e.getKey() + "?minVersion=" + e.getValue().version);
            assertThat(view.body().path("version").asLong()).as("project %s caught up", e.getKey()).isEqualTo(e.getValue().version);
        }
        assertThat(total).isPositive();
    }

    private static Map<String, JsonNode> figures(RunningPool pool) {
        Map<String, JsonNode> figures = new LinkedHashMap<>();
        figures.put("district", pool.get("/api/statistics/district").body());
        figures.put("batch 2024-1", pool.get("/api/statistics/batches/2024-1").body());
        figures.put("batch 2024-2", pool.get("/api/statistics/batches/2024-2").body());
        figures.put("streets", pool.get("/api/statistics/streets").body());
        figures.put("streets 2024-1", pool.get("/api/statistics/streets?batch=2024-1").body());
        figures.put("appeals", pool.await("/api/statistics/appeals?period=2024-H1", a -> a.path("rows").size() > 0).body());
        return figures;
    }

    private void checkDistrict(JsonNode district) {
        assertThat(district.path("projects").asLong()).isEqualTo(sent.size());
        assertThat(district.path("listed").asLong()).isEqualTo(sent.values().stream().filter(p -> !p.batches.isEmpty()).count());
        for (String status : STATUSES) {
            assertThat(district.path("byStatus").path(status).asLong()).as(status)
                    .isEqualTo(sent.values().stream().filter(p -> p.status.equals(status)).count());
        }
        for (String category : CATEGORIES) {
            assertThat(district.path("byCategory").path(category).asLong()).as(category)
                    .isEqualTo(sent.values().stream().filter(p -> p.category.equals(category)).count());
        }
    }

    private void checkBatch(JsonNode figures, String batch) {
        List<Sent> listed = sent.values().stream().filter(p -> p.batches.contains(batch)).toList();
        List<Sent> completed = listed.stream().filter(p -> p.status.equals("COMPLETED") && batch.equals(p.current())).toList();
        assertThat(figures.path("listed").asLong()).isEqualTo(listed.size());
        assertThat(figures.path("completed").asLong()).isEqualTo(completed.size());
        assertThat(figures.path("completionRate").decimalValue())
                .isEqualByComparingTo(BigDecimal.valueOf(completed.size()).divide(BigDecimal.valueOf(listed.size()), 4, RoundingMode.HALF_UP));
        assertThat(figures.path("carriedOverIn").asLong()).isEqualTo(listed.stream().filter(p -> !p.batches.get(0).equals(batch)).count());
        assertThat(figures.path("carriedOverOut").asLong()).isEqualTo(listed.stream().filter(p -> !batch.equals(p.current())).count());
        for (String category : CATEGORIES) {
            JsonNode tally = figures.path("byCategory").path(category);
            assertThat(tally.path("listed").asLong()).isEqualTo(listed.stream().filter(p -> p.category.equals(category)).count());
            assertThat(tally.path("completed").asLong()).isEqualTo(completed.stream().filter(p -> p.category.equals(category)).count());
        }
        for (String issueType : ISSUE_TYPES) {
            assertThat(figures.path("completedByIssueType").path(issueType).asLong()).as(issueType)
                    .isEqualTo(completed.stream().filter(p -> p.issueTypes.contains(issueType)).count());
        }
        long streetsAllCompleted = STREETS.stream().filter(s -> listed.stream().anyMatch(p -> p.street.equals(s)))
                .filter(s -> listed.stream().filter(p -> p.street.equals(s)).allMatch(completed::contains)).count();
        assertThat(figures.path("streetsAllCompleted").asLong()).isEqualTo(streetsAllCompleted);
        assertThat(listed.size()).as("a batch worth checking").isGreaterThan(50);
    }

    private void checkStreets(JsonNode figures, String batch) {
        JsonNode rows = figures;
        assertThat(rows.isArray()).isTrue();
        assertThat(rows.size()).isEqualTo(26);
        for (JsonNode row : rows) {
            String street = row.path("street").asString();
            List<Sent> own = sent.values().stream().filter(p -> p.street.equals(street)).toList();
            List<Sent> listed = own.stream().filter(p -> batch == null ? !p.batches.isEmpty() : p.batches.contains(batch)).toList();
            long completed = listed.stream().filter(p -> p.status.equals("COMPLETED") && (batch == null || batch.equals(p.current()))).count();
            assertThat(row.path("filed").asLong()).as(street).isEqualTo(own.size());
            assertThat(row.path("listed").asLong()).as(street).isEqualTo(listed.size());
            assertThat(row.path("completed").asLong()).as(street).isEqualTo(completed);
            BigDecimal funded = (batch == null ? own : listed).stream().map(p -> p.funded).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(row.path("fundedAmount").decimalValue()).as(street).isEqualByComparingTo(funded);
        }
    }

    private long expectedAppeals(String year) {
        return appeals.entrySet().stream().filter(e -> e.getKey().contains("|" + year + "-0")
                        && Integer.parseInt(e.getKey().substring(e.getKey().length() - 2)) <= 6)
                .mapToLong(Map.Entry::getValue).sum();
    }

    private void checkAppeals(RunningPool.Answer answer) {
        JsonNode trend = answer.body();
        assertThat(trend.path("total").path("count").asLong()).isEqualTo(expectedAppeals("2024"));
        assertThat(trend.path("total").path("previousCount").asLong()).isEqualTo(expectedAppeals("2023"));
        assertThat(trend.path("rows").size()).isEqualTo(6);
        for (JsonNode row : trend.path("rows")) {
            String prefix = row.path("street").asString() + "|" + row.path("issueType").asString() + "|";
            long count = 0;
            long previous = 0;
            for (int month = 1; month <= 6; month++) {
                count += appeals.get(prefix + "2024-%02d".formatted(month));
                previous += appeals.get(prefix + "2023-%02d".formatted(month));
            }
            assertThat(row.path("count").asLong()).isEqualTo(count);
            assertThat(row.path("previousCount").asLong()).isEqualTo(previous);
            assertThat(row.path("change").decimalValue()).isEqualByComparingTo(
                    BigDecimal.valueOf(count - previous).divide(BigDecimal.valueOf(previous), 4, RoundingMode.HALF_UP));
        }
    }

    private void checkLists(RunningPool anonymous) {
        RunningPool pool = anonymous.as("auditor");
        long completedInXiluoyuan = sent.values().stream().filter(p -> p.street.equals("xiluoyuan") && p.status.equals("COMPLETED")).count();
        assertThat(pool.get("/api/projects?street=xiluoyuan&status=COMPLETED").body().path("total").asLong()).isEqualTo(completedInXiluoyuan);
        long onSecond = sent.values().stream().filter(p -> p.batches.contains("2024-2")).count();
        assertThat(pool.get("/api/projects?batch=2024-2").body().path("total").asLong()).isEqualTo(onSecond);
        long parking = sent.values().stream().filter(p -> p.issueTypes.contains("PARKING")).count();
        assertThat(pool.get("/api/projects?issueType=PARKING").body().path("total").asLong()).isEqualTo(parking);

        Set<String> seen = new HashSet<>();
        for (int page = 0; page * 50 < sent.size(); page++) {
            pool.get("/api/projects?size=50&sort=title,asc&page=" + page).body().path("items")
                    .forEach(item -> assertThat(seen.add(item.path("id").asString())).isTrue());
        }
        assertThat(seen).isEqualTo(sent.keySet());

        String carried = sent.entrySet().stream().filter(e -> e.getValue().batches.size() == 2).findFirst().orElseThrow().getKey();
        JsonNode detail = pool.get("/api/projects/" + carried).body();
        assertThat(detail.path("batches").toString()).isEqualTo("[\"2024-1\",\"2024-2\"]");
        assertThat(detail.path("carriedOver").asBoolean()).isTrue();
        assertThat(detail.path("currentBatch").asString()).isEqualTo("2024-2");
    }

    private static void ok(RunningPool.Answer answer) {
        assertThat(answer.status()).as(answer.raw().body()).isIn(200, 201);
    }
}
