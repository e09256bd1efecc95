package cn.fengtai.pool.standalone;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case's loop closed from the API alone: where appeals concentrate and which no project covers, whether each
 * completed project's appeals fell (Xiluoyuan parking 261 to 138, -47 %; Changxindian bicycles 165 to 64, -61 %),
 * which departments answer summons slowly, how the fund was used, which projects are late; the same figures as of a
 * past instant, after a rebuild, and after a read model of an older shape is rebuilt at start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupervisionTest {

    @TempDir
    static Path data;
    static RunningPool pool;
    static String parking;
    static String bicycles;
    static String late;

    @BeforeAll
    static void playTheCase() {
        pool = RunningPool.start(data);
        RunningPool district = pool.as("district");
        spread("xiluoyuan", "PARKING", YearMonth.of(2023, 4), 6, 261);
        spread("xiluoyuan", "PARKING", YearMonth.of(2023, 10), 3, 120);
        spread("xiluoyuan", "PARKING", YearMonth.of(2024, 4), 6, 138);
        spread("changxindian", "BICYCLE_MANAGEMENT", YearMonth.of(2023, 4), 6, 165);
        spread("changxindian", "BICYCLE_MANAGEMENT", YearMonth.of(2023, 10), 3, 75);
        spread("changxindian", "BICYCLE_MANAGEMENT", YearMonth.of(2024, 4), 6, 64);
        spread("fangzhuang", "HOUSE_LEAK", YearMonth.of(2023, 4), 6, 280);
        spread("fangzhuang", "HOUSE_LEAK", YearMonth.of(2024, 4), 3, 300);
        assertThat(district.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"2024年第一批\",\"year\":2024}").status()).isEqualTo(201);
        assertThat(pool.as("finance").post("/api/funds", "{\"id\":\"2024\",\"year\":2024,\"budget\":1000000}").status()).isEqualTo(201);

        parking = project("xiluoyuan", "PARKING", "CONVENIENT_TRAVEL", "2024-01-05", "2024-06-30", 100000);
        summon(parking, "xiluoyuan", "2024-02-01", "2024-02-04");
        complete(parking, "xiluoyuan", "96000", "2024-03-28");
        bicycles = project("changxindian", "BICYCLE_MANAGEMENT", "CONVENIENT_TRAVEL", "2024-01-10", "2024-06-30", 50000);
        summon(bicycles, "changxindian", "2024-02-01", "2024-02-11");
        complete(bicycles, "changxindian", "50000", "2024-03-15");
        late = project("lugouqiao", "PARKING", "CONVENIENT_TRAVEL", "2024-01-12", "2024-02-01", 0);
        assertThat(pool.as("street.lugouqiao").post("/api/projects/" + late + "/summon",
                "{\"departments\":[\"transport\"],\"note\":\"协调\",\"effectiveDate\":\"2024-02-20\"}").status()).isEqualTo(200);
        pool.awaitCaughtUp();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static void spread(String street, String type, YearMonth first, int months, int total) {
        for (int i = 0; i < months; i++) {
            int count = total / months + (i < total % months ? 1 : 0);
            RunningPool.Answer answer = pool.as("district").post("/api/appeal-volumes",
                    "{\"street\":\"%s\",\"issueType\":\"%s\",\"month\":\"%s\",\"count\":%d}".formatted(street, type, first.plusMonths(i), count));
            assertThat(answer.status()).as(answer.raw().body()).isIn(200, 201);
        }
    }

    private static String project(String street, String type, String category, String filed, String deadline, int funding) {
        RunningPool office = pool.as("street." + street);
        String id = office.post("/api/projects", """
                {"street":"%s","title":"诉求治理","category":"%s","issueTypes":["%s"],"channel":"HOTLINE","estimatedCost":100000,"effectiveDate":"%s"}"""
                .formatted(street, category, type, filed)).body().path("id").asString();
        assertThat(pool.as("district").post("/api/projects/" + id + "/approve",
                "{\"batch\":\"2024-1\",\"responsibleUnit\":\"街道\",\"deadline\":\"%s\",\"tasks\":[\"治理\"],\"effectiveDate\":\"%s\"}"
                        .formatted(deadline, filed)).status()).isEqualTo(200);
        if (funding > 0) {
            assertThat(pool.as("finance").post("/api/projects/" + id + "/fund",
                    "{\"fund\":\"2024\",\"amount\":%d,\"effectiveDate\":\"%s\"}".formatted(funding, filed)).status()).isEqualTo(200);
        }
        assertThat(office.post("/api/projects/" + id + "/start", "{\"effectiveDate\":\"%s\"}".formatted(filed)).status()).isEqualTo(200);
        return id;
    }

    private static void summon(String id, String street, String on, String reportedOn) {
        assertThat(pool.as("street." + street).post("/api/projects/" + id + "/summon",
                "{\"departments\":[\"transport\"],\"note\":\"专题会\",\"effectiveDate\":\"%s\"}".formatted(on)).status()).isEqualTo(200);
        assertThat(pool.as("dept.transport").post("/api/projects/" + id + "/report-in",
                "{\"department\":\"transport\",\"commitment\":\"施划\",\"effectiveDate\":\"%s\"}".formatted(reportedOn)).status()).isEqualTo(200);
    }

    private static void complete(String id, String street, String cost, String on) {
        assertThat(pool.as("street." + street).post("/api/projects/" + id + "/complete",
                "{\"actualCost\":%s,\"summary\":\"完成\",\"effectiveDate\":\"%s\"}".formatted(cost, on)).status()).isEqualTo(200);
    }

    private static String csv(String path) {
        try {
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(pool.base + path)).header("Accept", "text/csv").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            return answer.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode get(String path) {
        RunningPool.Answer answer = pool.get(path);
        assertThat(answer.status()).as(path + ": " + answer.raw().body()).isEqualTo(200);
        return answer.body();
    }

    @Test
    @Order(1)
    void eachCompletedProjectsAppealsAreMeasuredAsTheCaseMeasuredThem() {
        JsonNode xiluoyuan = get("/api/projects/" + parking + "/impact");
        assertThat(xiluoyuan.path("after").path("count").asLong()).isEqualTo(138);
        assertThat(xiluoyuan.path("afterYearEarlier").path("count").asLong()).isEqualTo(261);
        assertThat(xiluoyuan.path("change").decimalValue()).isEqualByComparingTo("-0.4713");
        assertThat(xiluoyuan.path("complete").asBoolean()).isTrue();
        assertThat(xiluoyuan.path("verdict").asString()).isEqualTo("FELL");
        JsonNode changxindian = get("/api/projects/" + bicycles + "/impact");
        assertThat(changxindian.path("change").decimalValue()).isEqualByComparingTo("-0.6121");
        assertThat(get("/api/projects/" + parking).path("impact").asString()).isEqualTo("FELL");
        JsonNode labels = get("/api/projects/" + parking).path("labels");
        assertThat(labels.path("category").asString()).as("the Chinese label beside the code").isEqualTo("方便市民出行");
        assertThat(labels.path("issueTypes").get(0).asString()).isEqualTo("停车管理");
        assertThat(labels.path("status").asString()).isEqualTo("已完成");
        assertThat(get("/api/projects/" + late + "/impact").path("after").isNull()).isTrue();
        assertThat(pool.get("/api/projects/" + parking + "/impact?months=0").status()).isEqualTo(400);
        assertThat(pool.get("/api/projects/nobody/impact").status()).isEqualTo(404);

        JsonNode batch = get("/api/statistics/batches/2024-1");
        assertThat(batch.path("impact").path("FELL").asLong()).isEqualTo(2);
        assertThat(batch.path("overdue").asLong()).isEqualTo(1);
        assertThat(get("/api/statistics/district").path("overdue").asLong()).isEqualTo(1);
        assertThat(get("/api/projects?overdue=true").path("total").asLong()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void hotspotsShowWhereAppealsConcentrateAndWhichNoProjectCovers() {
        JsonNode hotspots = get("/api/statistics/hotspots?period=2024-Q2");
        JsonNode first = hotspots.path("rows").get(0);
        assertThat(first.path("street").asString()).isEqualTo("fangzhuang");
        assertThat(first.path("count").asLong()).isEqualTo(300);
        assertThat(first.path("covered").asBoolean()).isFalse();
        JsonNode second = hotspots.path("rows").get(1);
        assertThat(second.path("street").asString()).isEqualTo("xiluoyuan");
        assertThat(second.path("projects").get(0).asString()).isEqualTo(parking);
        assertThat(hotspots.path("total").asLong()).isEqualTo(300 + 69 + 33);
        JsonNode uncovered = get("/api/statistics/hotspots?period=2024-Q2&uncoveredOnly=true");
        assertThat(uncovered.path("rows")).hasSize(1);
        assertThat(pool.get("/api/statistics/hotspots?period=2024-Q5").status()).isEqualTo(400);
    }

    @Test
    @Order(3)
    void departmentsAndTheFundAreAccountedFor() {
        JsonNode transport = get("/api/statistics/departments").get(0);
        assertThat(transport.path("department").asString()).isEqualTo("transport");
        assertThat(transport.path("summoned").asInt()).isEqualTo(3);
        assertThat(transport.path("reportedIn").asInt()).isEqualTo(2);
        assertThat(transport.path("medianDaysToReportIn").decimalValue()).as("3 and 10 days").isEqualByComparingTo("6.5");
        assertThat(transport.path("maxDaysToReportIn").asLong()).isEqualTo(10);
        assertThat(transport.path("oldestPendingDays").asLong()).isPositive();

        JsonNode fund = get("/api/statistics/funds/2024");
        assertThat(fund.path("allocated").decimalValue()).isEqualByComparingTo("150000");
        assertThat(fund.path("remaining").decimalValue()).isEqualByComparingTo("850000");
        assertThat(fund.path("spent").decimalValue()).isEqualByComparingTo("146000");
        assertThat(fund.path("byStreet").path("xiluoyuan").path("spent").decimalValue()).isEqualByComparingTo("96000");
        assertThat(fund.path("byCategory").path("CONVENIENT_TRAVEL").path("allocated").decimalValue()).isEqualByComparingTo("150000");
        assertThat(get("/api/funds").get(0).path("id").asString()).isEqualTo("2024");
        assertThat(pool.get("/api/statistics/funds/none").status()).isEqualTo(404);
        assertThat(csv("/api/statistics/funds/2024")).contains("street,xiluoyuan,,100000,,96000");
        assertThat(csv("/api/statistics/departments")).contains("department,name,summoned").contains("transport,");
        assertThat(csv("/api/statistics/hotspots?period=2024-Q2")).contains("fangzhuang,").contains(parking);
    }

    @Test
    @Order(3)
    void everyFigureAndTheProjectListComeAsExcelWorkbooksWithChineseHeadings() throws Exception {
        org.apache.poi.ss.usermodel.Sheet fund = workbook("/api/statistics/funds/2024?format=xlsx", null);
        assertThat(fund.getRow(0).getCell(0).getStringCellValue()).isEqualTo("范围");
        assertThat(fund.getRow(1).getCell(0).getStringCellValue()).isEqualTo("scope");
        assertThat(fund.getRow(2).getCell(3).getNumericCellValue()).isEqualTo(150000.0);
        org.apache.poi.ss.usermodel.Sheet projects = workbook("/api/projects?street=xiluoyuan&format=xlsx", null);
        assertThat(projects.getRow(0).getCell(4).getStringCellValue()).isEqualTo("项目名称");
        assertThat(projects.getRow(2).getCell(0).getStringCellValue()).isEqualTo(parking);
        assertThat(projects.getLastRowNum()).isEqualTo(2);
        org.apache.poi.ss.usermodel.Sheet history = workbook("/api/projects/" + parking + "/history",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(history.getRow(2).getCell(2).getStringCellValue()).contains("ProjectFiled");
        for (String path : new String[]{"/api/statistics/district", "/api/statistics/batches/2024-1", "/api/statistics/streets",
                "/api/statistics/appeals?period=2024", "/api/statistics/hotspots?period=2024", "/api/statistics/departments"}) {
            assertThat(workbook(path + (path.contains("?") ? "&" : "?") + "format=xlsx", null).getLastRowNum()).as(path).isPositive();
        }
        assertThat(pool.get("/api/statistics/district?format=pdf").status()).isEqualTo(406);
        assertThat(workbook("/api/statistics/district?format=XLSX", null).getLastRowNum()).as("the format in any case").isPositive();
        assertThat(workbook("/api/statistics/streets/xiluoyuan?format=xlsx", null).getRow(2).getCell(0).getStringCellValue())
                .isEqualTo("xiluoyuan");
        assertThat(get("/api/statistics/district?format=json").path("overdue").isNumber()).isTrue();
    }

    private static org.apache.poi.ss.usermodel.Sheet workbook(String path, String accept) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(pool.base + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("auditor:demo".getBytes()));
        if (accept != null) request.header("Accept", accept);
        java.net.http.HttpResponse<byte[]> answer = java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.openxmlformats");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(answer.body()))) {
            return workbook.getSheetAt(0);
        }
    }

    @Test
    @Order(4)
    void thePastAnswersAsTheLiveEndpointsDidAndARebuildChangesNothing() {
        Map<String, JsonNode> then = figures();
        Instant instant = Instant.now();
        RunningPool.sleep(20);
        spread("fangzhuang", "HOUSE_LEAK", YearMonth.of(2024, 7), 1, 500);
        complete(late, "lugouqiao", "1000", "2024-12-01");
        pool.awaitCaughtUp();
        assertThat(figures()).isNotEqualTo(then);
        Map<String, JsonNode> past = new LinkedHashMap<>();
        then.keySet().forEach(path -> past.put(path, pool.as("auditor").get(path + (path.contains("?") ? "&" : "?")
                + "asOf=" + instant).body()));
        assertThat(past).isEqualTo(then);
        assertThat(pool.get("/api/statistics/hotspots?period=2024&asOf=" + instant).status())
                .as("the past is for signed-in readers").isEqualTo(401);

        Map<String, JsonNode> now = figures();
        for (String model : new String[]{"projects", "appeal-volumes", "funds"}) {
            assertThat(pool.as("district").post("/api/admin/projections/" + model + "/rebuild", null).status()).isEqualTo(202);
        }
        pool.awaitCaughtUp();
        assertThat(figures()).isEqualTo(now);
    }

    @Test
    @Order(5)
    void aReadModelOfAnOlderShapeIsRebuiltAtStartWhileTheOldOneAnswers() {
        Map<String, JsonNode> before = figures();
        MongoTemplate mongo = pool.context().getBean(MongoTemplate.class);
        mongo.getCollection("read_models").updateOne(new Document("_id", "projects"), new Document("$set", new Document("shape", 1)));
        int generation = generation("projects");
        pool.close();
        pool = RunningPool.start(data);
        pool.awaitCaughtUp();
        assertThat(generation("projects")).isGreaterThan(generation);
        assertThat(pool.context().getBean(MongoTemplate.class).getCollection("read_models")
                .find(new Document("_id", "projects")).first().getInteger("shape")).isEqualTo(3);
        assertThat(figures()).isEqualTo(before);
    }

    /** A project is overdue on the day asked about: asOf's day, not today (and its validator says which day). */
    @Test
    @Order(6)
    void aProjectIsOverdueOnTheDayAskedAbout() {
        String later = project("fangzhuang", "HOUSE_LEAK", "HOUSING", "2024-05-01", "2029-12-31", 0);
        pool.awaitCaughtUp();
        RunningPool auditor = pool.as("auditor");
        RunningPool.Answer today = auditor.get("/api/projects/" + later);
        assertThat(today.body().path("overdue").asBoolean()).isFalse();
        RunningPool.Answer in2030 = auditor.get("/api/projects/" + later + "?asOf=2030-01-01T00:00:00Z");
        assertThat(in2030.status()).isEqualTo(200);
        assertThat(in2030.body().path("overdue").asBoolean()).as("counted on 2030-01-01").isTrue();
        assertThat(auditor.get("/api/projects/" + later + "?asOf=2029-12-31T12:00:00Z").body().path("overdue").asBoolean())
                .as("the deadline's own day is not overdue yet").isFalse();
        assertThat(in2030.raw().headers().firstValue("ETag")).isNotEqualTo(today.raw().headers().firstValue("ETag"));
        assertThat(today.raw().headers().firstValue("ETag").orElseThrow()).contains(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
    }

    private static int generation(String model) {
        for (JsonNode p : pool.as("auditor").get("/api/admin/projections").body()) {
            if (p.path("name").asString().equals(model)) return p.path("generation").asInt();
        }
        throw new AssertionError(model);
    }

    private static Map<String, JsonNode> figures() {
        Map<String, JsonNode> figures = new LinkedHashMap<>();
        for (String path : new String[]{"/api/statistics/hotspots?period=2024", "/api/statistics/departments",
                "/api/statistics/funds/2024", "/api/projects/" + parking + "/impact", "/api/projects/" + late + "/impact",
                "/api/statistics/batches/2024-1", "/api/statistics/district"}) {
            figures.put(path, get(path));
        }
        return figures;
    }
}
