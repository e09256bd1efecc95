package cn.fengtai.pool.standalone;

import cn.fengtai.pool.events.ActorMetaData;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The district's lists come in as spreadsheets through the same commands and rules as the HTTP API: a dry run names
 * every problem by row and column and stores nothing, a commit stores each good row once (a second upload of the
 * same file stores nothing), GB18030 CSV with a title row and Excel workbooks with date and number cells are read.
 */
class ImportTest {

    static final String HEADER = "项目编号,街镇,社区,项目名称,项目类别,诉求类型,来源渠道,预计金额（元）,责任单位,完成时限,主要任务\n";
    static String good(String prefix) {
        return GOOD.replace("X-", prefix + "-");
    }

    static final String GOOD = "X-001,西罗园街道,西罗园一区,停车秩序治理,方便市民出行,停车管理、自行车管理,上门问,\"120,000\",西罗园街道,2024-06-30,施划车位；错时共享停车\n"
            + "X-002,xiluoyuan,,楼道照明,HOUSING,房屋滴漏,HOTLINE,5000元,西罗园街道,2024/7/1,更换灯具\n";
    static final String BAD = "X-003,火星街道,,坏行,改善居住条件,房屋滴漏,上门问,abc,,,\n"
            + "X-004,fengtai,,丰台街道的,HOUSING,房屋滴漏,上门问,100,单位,2024-06-30,修\n";

    @TempDir
    static Path data;
    static RunningPool pool;

    @BeforeAll
    static void start() {
        pool = RunningPool.start(data);
        assertThat(pool.as("district").post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"2024年第一批\",\"year\":2024}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    static HttpResponse<String> upload(String user, String path, String fileName, byte[] content) throws Exception {
        return upload(user, path, fileName, content, "application/json", HttpResponse.BodyHandlers.ofString());
    }

    static <T> HttpResponse<T> upload(String user, String path, String fileName, byte[] content, String accept,
                                      HttpResponse.BodyHandler<T> handler) throws Exception {
        Multipart upload = Multipart.file(fileName, content);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pool.base + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
                .header("Content-Type", upload.contentType()).header("Accept", accept)
                .POST(upload.publisher()).build(), handler);
    }

    static byte[] download(String user, String path) throws Exception {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pool.base + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return answer.body();
    }

    static JsonNode report(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return RunningPool.JSON.readTree(answer.body());
    }

    @Test
    void aDryRunNamesEveryProblemByRowAndColumnAndStoresNothing() throws Exception {
        long before = pool.storedEvents();
        byte[] file = ("丰台区2024年各街镇民生项目池清单\n" + HEADER + good("D") + BAD).getBytes(Charset.forName("GB18030"));
        JsonNode report = report(upload("street.xiluoyuan", "/api/imports/projects?dryRun=true", "清单.csv", file));
        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("rows").asInt()).isEqualTo(4);
        assertThat(report.path("accepted").asInt()).isEqualTo(2);
        assertThat(report.path("rejected").asInt()).isEqualTo(2);
        assertThat(report.path("errors").findValuesAsString("rule"))
                .contains("UnknownCode", "NotANumber", "NotAllowed");
        JsonNode unknownStreet = report.path("errors").get(0);
        assertThat(unknownStreet.path("row").asInt()).as("title row 1, header row 2").isEqualTo(5);
        assertThat(unknownStreet.path("column").asString()).isEqualTo("街镇");
        assertThat(pool.storedEvents()).isEqualTo(before);
        String importId = report.path("importId").asString();
        assertThat(pool.as("street.xiluoyuan").get("/api/imports/" + importId).body().path("status").asString()).isEqualTo("DONE");
        assertThat(pool.as("street.fengtai").get("/api/imports/" + importId).status()).isEqualTo(404);
    }

    @Test
    void aCommitStoresEachGoodRowOnceThroughTheCommandsAndAgainStoresNothing() throws Exception {
        byte[] file = (HEADER + GOOD + BAD).getBytes(StandardCharsets.UTF_8);
        JsonNode first = report(upload("district", "/api/imports/projects?batch=2024-1", "list.csv", file));
        assertThat(first.path("accepted").asInt()).as("the district imports every street's rows").isEqualTo(3);
        assertThat(first.path("rejected").asInt()).isEqualTo(1);
        String id = first.path("items").get(0).path("id").asString();
        long stored = pool.storedEvents();

        JsonNode again = report(upload("district", "/api/imports/projects?batch=2024-1", "list.csv", file));
        assertThat(again.path("unchanged").asInt()).isEqualTo(3);
        assertThat(again.path("accepted").asInt()).isZero();
        assertThat(pool.storedEvents()).isEqualTo(stored);

        JsonNode project = pool.await("/api/projects/" + id, p -> p.path("status").asString().equals("APPROVED")).body();
        assertThat(project.path("issueTypes").toString()).contains("PARKING", "BICYCLE_MANAGEMENT");
        assertThat(project.path("deadline").asString()).isEqualTo("2024-06-30");
        assertThat(project.path("estimatedCost").decimalValue()).isEqualByComparingTo("120000");
        EventStore events = pool.context().getBean(EventStore.class);
        assertThat(events.readEvents(id).asStream().findFirst().orElseThrow().getMetaData())
                .containsEntry(ActorMetaData.IMPORT_ID, first.path("importId").asString())
                .containsEntry(ActorMetaData.USER, "district");
    }

    @Test
    void workbooksWithDateAndNumberCellsAndProgressAndAppealCountsAreRead() throws Exception {
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("第一批");
            sheet.createRow(0).createCell(0).setCellValue("卢沟桥街道民生项目");
            String[] header = {"项目编号", "街镇", "项目名称", "项目类别", "诉求类型", "来源渠道", "预计金额（元）", "责任单位", "完成时限", "主要任务"};
            Row heading = sheet.createRow(1);
            for (int c = 0; c < header.length; c++) heading.createCell(c).setCellValue(header[c]);
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("m/d/yy"));
            Row row = sheet.createRow(2);
            Object[] values = {"L-1", "卢沟桥街道", "路面修补", "方便市民出行", "道路维修", "微信说", 88000.0, "卢沟桥街道", LocalDate.of(2024, 9, 30), "修补"};
            for (int c = 0; c < values.length; c++) {
                if (values[c] instanceof Double n) row.createCell(c).setCellValue(n);
                else if (values[c] instanceof LocalDate d) {
                    row.createCell(c).setCellValue(d);
                    row.getCell(c).setCellStyle(date);
                } else row.createCell(c).setCellValue((String) values[c]);
            }
            book.write(out);
            workbook = out.toByteArray();
        }
        JsonNode report = report(upload("district", "/api/imports/projects?batch=2024-1", "list.xlsx", workbook));
        assertThat(report.path("accepted").asInt()).as(report.toString()).isEqualTo(1);
        String id = report.path("items").get(0).path("id").asString();
        JsonNode project = pool.await("/api/projects/" + id, p -> p.path("deadline").isString()).body();
        assertThat(project.path("deadline").asString()).isEqualTo("2024-09-30");
        assertThat(project.path("estimatedCost").decimalValue()).isEqualByComparingTo("88000");
        assertThat(pool.as("street.lugouqiao").post("/api/projects/" + id + "/start", "{}").status()).isEqualTo(200);

        String progress = "项目编号,街镇,进度,完成,实际金额（元）,说明\nL-1,卢沟桥街道,60,否,,过半\nL-9,卢沟桥街道,10,否,,\n";
        JsonNode reported = report(upload("street.lugouqiao", "/api/imports/progress", "进度.csv", progress.getBytes(StandardCharsets.UTF_8)));
        assertThat(reported.path("accepted").asInt()).isEqualTo(1);
        assertThat(reported.path("errors").get(0).path("rule").asString()).isEqualTo("UnknownProject");
        assertThat(pool.await("/api/projects/" + id, p -> p.path("progress").asInt() == 60).body().path("progress").asInt()).isEqualTo(60);

        String volumes = "\uFEFF街镇,诉求类型,月份,诉求量\n方庄街道,房屋滴漏,2022-03,138\nfangzhuang,HOUSE_LEAK,2021年3月,261\n方庄街道,房屋滴漏,2022-03,138\n";
        JsonNode counts = report(upload("district", "/api/imports/appeal-volumes", "诉求.csv", volumes.getBytes(StandardCharsets.UTF_8)));
        assertThat(counts.path("accepted").asInt()).isEqualTo(2);
        assertThat(counts.path("errors").get(0).path("rule").asString()).isEqualTo("DuplicateInFile");
        assertThat(pool.await("/api/statistics/appeals?period=2022-03&street=fangzhuang",
                a -> a.path("total").path("change").isNumber()).body().path("total").path("change").decimalValue())
                .isEqualByComparingTo("-0.4713");
    }

    @Test
    void theSampleFirstBatchImportsInOneRequestAndShowsInTheStatistics() throws Exception {
        assertThat(pool.as("district").post("/api/batches", "{\"id\":\"2024-S\",\"name\":\"示例批\",\"year\":2024}").status()).isEqualTo(201);
        byte[] sample = java.nio.file.Files.readAllBytes(Path.of("../docs/samples/first-batch-projects.csv"));
        JsonNode report = report(upload("district", "/api/imports/projects?batch=2024-S", "first-batch-projects.csv", sample));
        assertThat(report.path("errors")).as(report.toString()).isEmpty();
        assertThat(report.path("accepted").asInt()).isEqualTo(24);
        assertThat(pool.await("/api/statistics/batches/2024-S", b -> b.path("listed").asInt() == 24).body()
                .path("listed").asInt()).isEqualTo(24);
        long stored = pool.storedEvents();
        assertThat(report(upload("district", "/api/imports/projects?batch=2024-S", "again.csv", sample)).path("unchanged").asInt())
                .isEqualTo(24);
        byte[] workbook = java.nio.file.Files.readAllBytes(SampleWorkbookTest.WORKBOOK);
        JsonNode asWorkbook = report(upload("district", "/api/imports/projects?batch=2024-S", "first-batch-projects.xlsx", workbook));
        assertThat(asWorkbook.path("unchanged").asInt()).as("the sample workbook is the same list: " + asWorkbook).isEqualTo(24);
        assertThat(pool.storedEvents()).isEqualTo(stored);
        byte[] volumes = java.nio.file.Files.readAllBytes(Path.of("../docs/samples/appeal-volumes.csv"));
        assertThat(report(upload("district", "/api/imports/appeal-volumes", "appeal-volumes.csv", volumes)).path("accepted").asInt())
                .isEqualTo(24);

        // The batch's list exported in the import's layout goes back in as it came out: nothing is stored again.
        String first = report.path("items").get(0).path("id").asString();
        assertThat(pool.get("/api/projects/" + first).body().path("officeRef").asString()).isEqualTo("XIL-001");
        for (String format : List.of("xlsx", "csv")) {
            byte[] exported = download("district", "/api/projects?batch=2024-S&layout=import&format=" + format);
            JsonNode back = report(upload("district", "/api/imports/projects?batch=2024-S", "export." + format, exported));
            assertThat(back.path("errors")).as(back.toString()).isEmpty();
            assertThat(back.path("unchanged").asInt()).as(format).isEqualTo(24);
            assertThat(back.path("accepted").asInt()).isZero();
            byte[] byOffice = download("street.xiluoyuan", "/api/projects?batch=2024-S&street=xiluoyuan&layout=import&format=" + format);
            JsonNode office = report(upload("street.xiluoyuan", "/api/imports/projects", "office." + format, byOffice));
            assertThat(office.path("errors")).as(office.toString()).isEmpty();
            assertThat(office.path("unchanged").asInt()).isPositive();
        }
        try (XSSFWorkbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(
                download("district", "/api/projects?batch=2024-S&layout=import&format=xlsx")))) {
            Row header = book.getSheetAt(0).getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("项目ID");
            assertThat(header.getCell(10).getStringCellValue()).isEqualTo("完成时限");
            assertThat(book.getSheetAt(0).getRow(1).getCell(10).getCellType()).as("a date cell")
                    .isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
            assertThat(book.getSheetAt(0).getPaneInformation().isFreezePane()).isTrue();
        }
        assertThat(pool.storedEvents()).isEqualTo(stored + 24);
        assertThat(pool.get("/api/projects?layout=other&format=csv").status()).isEqualTo(400);

        // To a street office another street's project reads as unknown, as on GET: the import does not tell it exists.
        byte[] everyStreet = download("district", "/api/projects?batch=2024-S&layout=import&format=csv");
        JsonNode office = report(upload("street.xiluoyuan", "/api/imports/projects?dryRun=true", "all.csv", everyStreet));
        // (NotAllowed names the row's own 街镇 cell: what the office wrote, not what the pool knows)
        assertThat(office.path("errors").findValuesAsString("rule")).contains("UnknownProject").containsOnly("UnknownProject", "NotAllowed");
        assertThat(office.path("errors").toString()).doesNotContain("OtherStreet", "is a project of");
        assertThat(office.path("unchanged").asInt()).as("its own rows").isPositive();
        JsonNode madeUp = report(upload("street.xiluoyuan", "/api/imports/projects?dryRun=true", "x.csv",
                ("项目ID,街镇,项目名称,项目类别,诉求类型,来源渠道,预计金额（元）\n" + "x".repeat(300)
                        + ",西罗园街道,x,方便市民出行,停车管理,上门问,1\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(madeUp.path("errors").get(0).path("rule").asString()).isEqualTo("UnknownProject");
        assertThat(madeUp.path("errors").get(0).path("message").asString().length()).as("a long id is not echoed whole")
                .isLessThan(120);
    }

    /** The dry run's report as the uploaded sheet with a column of problems, for the office that made it. */
    @Test
    void aDryRunAnswersTheWorkbookWithAColumnOfProblems() throws Exception {
        long before = pool.storedEvents();
        byte[] file = ("丰台区2024年各街镇民生项目池清单\n" + HEADER + good("W") + BAD.replace("X-", "W-")).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> answer = upload("street.xiluoyuan", "/api/imports/projects?dryRun=true", "清单.csv", file,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/api/imports/"));
        try (XSSFWorkbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(answer.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("丰台区2024年各街镇民生项目池清单");
            Row header = sheet.getRow(1);
            int problems = header.getLastCellNum() - 1;
            assertThat(header.getCell(problems).getStringCellValue()).isEqualTo("问题");
            assertThat(header.getCell(3).getStringCellValue()).isEqualTo("项目名称");
            assertThat(sheet.getRow(2).getCell(problems)).as("a good row has no problem").isNull();
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("W-003");
            assertThat(sheet.getRow(4).getCell(problems).getStringCellValue()).contains("街镇：UnknownCode", "NotANumber");
            assertThat(sheet.getRow(5).getCell(problems).getStringCellValue()).contains("NotAllowed");
        }
        assertThat(pool.storedEvents()).isEqualTo(before);
    }

    @Test
    void aLargeSheetRunsInTheBackgroundWithItsProgressToBeAskedFor() throws Exception {
        StringBuilder volumes = new StringBuilder("街镇,诉求类型,月份,诉求量\n");
        for (int i = 0; i < 1_500; i++) {
            volumes.append("卢沟桥街道,").append(i % 2 == 0 ? "停车管理" : "房屋滴漏").append(',')
                    .append(1990 + i / 24).append('-').append(String.format("%02d", 1 + (i / 2) % 12)).append(',').append(i).append('\n');
        }
        HttpResponse<String> answer = upload("district", "/api/imports/appeal-volumes", "big.csv", volumes.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode first = RunningPool.JSON.readTree(answer.body());
        assertThat(first.path("status").asString()).isEqualTo("RUNNING");
        assertThat(first.path("total").asLong()).isEqualTo(1_500);
        String location = answer.headers().firstValue("Location").orElseThrow();
        JsonNode report = pool.as("district").await(location, r -> !r.path("status").asString().equals("RUNNING")).body();
        assertThat(report.path("status").asString()).isEqualTo("DONE");
        assertThat(report.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(report.path("accepted").asInt()).isEqualTo(1_500);
        assertThat(report.path("rowsPerSecond").asDouble()).isPositive();
    }

    @Test
    void aRowIsRefusedForItsOwnFaultsAndTheOthersGoOn() throws Exception {
        String withNul = HEADER + "N-1,方庄街道,,NUL\u0000标题,HOUSING,房屋滴漏,HOTLINE,100,,,\n";
        JsonNode nul = report(upload("district", "/api/imports/projects?dryRun=true", "nul.csv", withNul.getBytes(StandardCharsets.UTF_8)));
        assertThat(nul.path("errors").get(0).path("rule").asString()).isEqualTo("ControlCharacter");
        assertThat(nul.path("errors").get(0).path("column").asString()).isEqualTo("项目名称");

        JsonNode twice = report(upload("district", "/api/imports/appeal-volumes?dryRun=true", "t.csv",
                "街镇,诉求类型,月份,诉求量,诉求量\n方庄街道,停车管理,2020-03,5,6\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(twice.path("errors").get(0).path("rule").asString()).isEqualTo("DuplicateColumn");
        assertThat(twice.path("accepted").asInt()).isEqualTo(1);

        String contradicting = "街镇,诉求类型,月份,诉求量\n方庄街道,停车管理,2020-01,5\n方庄街道,停车管理,2020-01,7\n方庄街道,停车管理,2020-02,1e2\n";
        JsonNode counts = report(upload("district", "/api/imports/appeal-volumes?dryRun=true", "c.csv", contradicting.getBytes(StandardCharsets.UTF_8)));
        assertThat(counts.path("accepted").asInt()).isEqualTo(1);
        assertThat(counts.path("errors").findValuesAsString("rule")).containsExactly("DuplicateInFile", "NotACount");

        String progress = "项目ID,进度,完成,说明\n01a251a5-0000-7000-8000-000000000000,10,否,\nnot a uuid!,10,否,\n";
        JsonNode reported = report(upload("district", "/api/imports/progress", "p.csv", progress.getBytes(StandardCharsets.UTF_8)));
        assertThat(reported.path("rows").asInt()).isEqualTo(2);
        assertThat(reported.path("errors").findValuesAsString("rule")).containsExactly("UnknownProject", "UnknownProject");
    }

    @Test
    void unreadableOversizedAndUnauthorisedUploadsAreRefusedPlainly() throws Exception {
        assertThat(upload("district", "/api/imports/appeal-volumes", "x.xlsx", "PK\u0003\u0004garbage".getBytes(StandardCharsets.ISO_8859_1))
                .statusCode()).isEqualTo(400);
        assertThat(upload("district", "/api/imports/appeal-volumes", "x.csv", new byte[0]).statusCode()).isEqualTo(400);
        HttpResponse<String> unclosed = upload("district", "/api/imports/projects?dryRun=true", "u.csv",
                "项目编号,街镇,社区,项目名称\n1,西罗园街道,a,b\nbroken,\"unclosed\n".getBytes(StandardCharsets.UTF_8));
        assertThat(unclosed.statusCode()).isEqualTo(400);
        assertThat(unclosed.body()).as("the reason without the library's class names").doesNotContain("org.apache", "Exception");
        assertThat(upload("district", "/api/imports/appeal-volumes", "big.csv", new byte[21 * 1024 * 1024]).statusCode()).isEqualTo(413);
        assertThat(upload("dept.transport", "/api/imports/projects", "x.csv", (HEADER + GOOD).getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(403);
        assertThat(upload("street.xiluoyuan", "/api/imports/appeal-volumes", "x.csv", "a,b\n".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(403);
        JsonNode noHeader = report(upload("district", "/api/imports/appeal-volumes", "x.csv", "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(noHeader.path("errors").get(0).path("rule").asString()).isEqualTo("NoHeader");
        assertThat(pool.get("/api/imports/" + noHeader.path("importId").asString()).status()).isEqualTo(401);
    }
}
