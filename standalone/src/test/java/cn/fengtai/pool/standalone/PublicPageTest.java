package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public page in a real browser (Debian's headless Chromium through chromium-driver): it shows what the public API
 * says, finds a project and shows its public timeline and impact, works from the keyboard and on a phone's width, and
 * the browser reports no error (a blocked asset or script would be one). {@code .ci/run} installs the browser.
 */
class PublicPageTest {

    @TempDir
    static Path data;
    static RunningPool pool;
    static WebDriver browser;
    /** A project of the first list followed through its whole life (funded, summoned, completed). */
    static String followed;
    static String followedTitle;
    static String followedStreet;

    @BeforeAll
    static void start() {
        if (!new File("/usr/bin/chromium").exists() || !new File("/usr/bin/chromedriver").exists()) {
            String message = "Debian's chromium and chromium-driver are not installed: apt-get install chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) org.junit.jupiter.api.Assertions.fail(message);
            System.err.println("SKIPPED: " + message);
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        pool = RunningPool.start(data);
        RunningPool district = pool.as("district");
        // The case's two lists, as district staff bring them in: through the spreadsheet import (docs/samples/case).
        district.post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"2024年第一批\",\"year\":2024}");
        district.post("/api/batches", "{\"id\":\"2024-2\",\"name\":\"2024年第二批\",\"year\":2024}");
        pool.as("finance").post("/api/funds", "{\"id\":\"2024\",\"year\":2024,\"budget\":1000000}");
        JsonNode first = upload("/api/imports/projects?batch=2024-1", CaseListsTest.FIRST);
        assertThat(first.path("accepted").asInt()).as(first.path("errors").toString()).isEqualTo(355);
        List<String> rows = read(CaseListsTest.FIRST);
        for (JsonNode item : first.path("items")) {
            String street = code(rows.get(item.path("row").asInt() - 1).split(",")[1]);
            assertThat(pool.as("street." + street).post("/api/projects/" + item.path("id").asString() + "/start", "{}").status())
                    .isEqualTo(200);
        }
        // One completed project followed closely: funded, departments summoned and reported in, then completed.
        String followedRef = read(CaseListsTest.COMPLETED).get(1).split(",")[0];
        JsonNode followedItem = null;
        for (JsonNode item : first.path("items")) {
            if (rows.get(item.path("row").asInt() - 1).startsWith(followedRef + ",")) followedItem = item;
        }
        followed = followedItem.path("id").asString();
        String[] followedRow = rows.get(followedItem.path("row").asInt() - 1).split(",");
        followedTitle = followedRow[3];
        followedStreet = code(followedRow[1]);
        pool.as("finance").post("/api/projects/" + followed + "/fund", "{\"fund\":\"2024\",\"amount\":100000}");
        pool.as("street." + followedStreet).post("/api/projects/" + followed + "/summon", "{\"departments\":[\"transport\"],\"note\":\"会\"}");
        pool.as("dept.transport").post("/api/projects/" + followed + "/report-in", "{\"department\":\"transport\",\"commitment\":\"施划\"}");
        // Each office reports its own completions: the list of completions split by street, one upload per office.
        List<String> done = read(CaseListsTest.COMPLETED);
        java.util.Map<String, StringBuilder> byStreet = new java.util.TreeMap<>();
        for (String line : done.subList(1, done.size())) {
            byStreet.computeIfAbsent(code(line.split(",")[1]), s -> new StringBuilder(done.get(0)).append('\n')).append(line).append('\n');
        }
        int accepted = 0;
        for (var office : byStreet.entrySet()) {
            JsonNode report = upload("street." + office.getKey(), "/api/imports/progress",
                    office.getValue().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(report.path("rejected").asInt()).as(office.getKey() + ": " + report.path("errors").toString().substring(0,
                    Math.min(500, report.path("errors").toString().length()))).isZero();
            accepted += report.path("accepted").asInt();
        }
        assertThat(accepted).isEqualTo(341);
        assertThat(district.post("/api/batches/2024-1/publish", null).status()).isEqualTo(200);
        assertThat(district.post("/api/batches/2024-1/close", "{\"carryOverTo\":\"2024-2\"}").status()).isEqualTo(200);
        JsonNode second = upload("/api/imports/projects?batch=2024-2", CaseListsTest.SECOND);
        assertThat(second.path("accepted").asInt()).as(second.path("errors").toString()).isEqualTo(88);
        file("lugouqiao", "未入库的申报", "HOUSING", "HOUSE_LEAK");
        pool.awaitCaughtUp();

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=zh-CN", "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (pool != null) pool.close();
    }

    private static String file(String street, String title, String category, String type) {
        return pool.as("street." + street).post("/api/projects", """
                {"street":"%s","title":"%s","category":"%s","issueTypes":["%s"],"channel":"HOTLINE","estimatedCost":5000,"effectiveDate":"2024-01-05"}"""
                .formatted(street, title, category, type)).body().path("id").asString();
    }

    private static List<String> read(Path csv) {
        try {
            return java.nio.file.Files.readAllLines(csv, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String code(String streetName) {
        return cn.fengtai.pool.events.reference.ReferenceCodes.streets().entrySet().stream()
                .filter(e -> e.getValue().equals(streetName)).map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static JsonNode upload(String path, Path file) {
        try {
            return upload("district", path, java.nio.file.Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode upload(String user, String path, byte[] content) {
        try {
            Multipart upload = Multipart.file("list.csv", content);
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(pool.base + path))
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
                            .header("Content-Type", upload.contentType()).POST(upload.publisher()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body().substring(0, Math.min(500, answer.body().length()))).isEqualTo(200);
            return RunningPool.JSON.readTree(answer.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /** Screenshots for people to look at: {@code target/screenshots/} (the README's picture is one of them). */
    private static void screenshot(String name) {
        try {
            Path folder = Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(folder);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            java.nio.file.Files.write(folder.resolve(name), png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theHeadlineFiguresTablesAndChartsAreThoseOfThePublicApi() {
        browser.get(pool.base + "/");
        waiting().until(d -> !d.findElement(By.id("updated")).getText().equals("—"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        JsonNode district = pool.get("/api/statistics/district").body();
        List<String> cards = browser.findElements(By.cssSelector("#headline .value")).stream().map(WebElement::getText).toList();
        assertThat(cards.get(0)).isEqualTo(String.valueOf(district.path("projects").asLong()));
        assertThat(cards.get(1)).isEqualTo(String.valueOf(district.path("listed").asLong()));
        long done = district.path("byStatus").path("COMPLETED").asLong();
        assertThat(cards.get(2)).isEqualTo(String.valueOf(done));
        String rate = String.format("%.1f%%", 100.0 * done / district.path("listed").asLong());
        assertThat(cards.get(3)).isEqualTo(rate);
        JsonNode batch = pool.get("/api/statistics/batches/2024-1").body();
        assertThat(batch.path("listed").asLong()).as("the case's first list").isEqualTo(355);
        assertThat(batch.path("completed").asLong()).isEqualTo(341);
        List<WebElement> batchRows = browser.findElements(By.cssSelector("#batches-table tbody tr"));
        assertThat(batchRows.get(0).getText()).as("the case's 355 / 341 / 96 %")
                .startsWith("2024年第一批 355 341 96.1% " + batch.path("carriedOverOut").asLong());
        assertThat(batch.path("carriedOverOut").asLong()).isEqualTo(14);
        JsonNode secondBatch = pool.get("/api/statistics/batches/2024-2").body();
        assertThat(secondBatch.path("listed").asLong()).as("88 new and 14 carried over").isEqualTo(102);
        assertThat(batchRows.get(1).getText()).startsWith("2024年第二批 102 ");
        JsonNode use = pool.get("/api/statistics/funds/2024").body();
        assertThat(browser.findElement(By.cssSelector("#funds-table tbody tr")).getText())
                .isEqualTo(String.format("2024年专项资金 %,d %,d %,d %,d", use.path("budget").asLong(), use.path("allocated").asLong(),
                        use.path("remaining").asLong(), use.path("spent").asLong()));
        assertThat(use.path("spent").asLong()).as("the followed project's actual cost").isPositive();
        JsonNode impact = batch.path("impact");
        assertThat(browser.findElement(By.cssSelector("#impact-table tbody tr")).getText()).as("completed projects' impact")
                .isEqualTo(String.join(" ", "2024年第一批", String.valueOf(batch.path("completed").asLong()),
                        impact.path("FELL").asString(), impact.path("ROSE").asString(), impact.path("UNCHANGED").asString(),
                        impact.path("NOT_YET_MEASURABLE").asString()));
        assertThat(impact.path("FELL").asLong() + impact.path("ROSE").asLong() + impact.path("UNCHANGED").asLong()
                + impact.path("NOT_YET_MEASURABLE").asLong()).isEqualTo(batch.path("completed").asLong());
        assertThat(browser.findElements(By.cssSelector("#street-table tbody tr"))).hasSize(26);
        assertThat(browser.findElements(By.cssSelector("#category-chart canvas"))).as("ECharts drew the chart").isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#category-table tbody")).getText()).contains("方便市民出行");
        screenshot("page-desktop.png");

        // sortable from the keyboard: focus the 完成 heading and press Enter
        WebElement completed = browser.findElement(By.cssSelector("#street-table button[data-key='completed']"));
        completed.sendKeys(Keys.ENTER);
        long most = 0;
        for (JsonNode street : pool.get("/api/statistics/streets").body()) most = Math.max(most, street.path("completed").asLong());
        assertThat(browser.findElement(By.cssSelector("#street-table tbody tr td:nth-child(4)")).getText())
                .as("the street that completed most first").isEqualTo(String.valueOf(most));
        assertThat(completed.findElement(By.xpath("..")).getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(severe()).isEmpty();
    }

    @Test
    void aProjectIsFoundAndShownWithItsPublicTimelineAndNothingPrivate() {
        browser.get(pool.base + "/#search");
        waiting().until(d -> d.findElement(By.id("results-count")).getText().startsWith("共"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-street")))
                .selectByVisibleText(cn.fengtai.pool.events.reference.ReferenceCodes.streets().get(followedStreet));
        browser.findElement(By.id("f-q")).sendKeys(followedTitle);
        WebElement button = browser.findElement(By.id("search-button"));
        button.sendKeys(Keys.ENTER);
        By link = By.cssSelector("a[href='#/project/" + followed + "']");
        waiting().until(d -> !d.findElements(link).isEmpty());
        browser.findElement(link).click();
        waiting().until(d -> d.findElement(By.id("project")).isDisplayed()
                && d.findElement(By.id("timeline")).getText().contains("完成"));
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("街镇申报入池", "评审入库：2024-1", "专项资金支持", "吹哨：区交通委", "报到：区交通委", "完成");
        assertThat(browser.findElement(By.id("impact")).getText()).isNotBlank();
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).doesNotContain("施划\n").doesNotContain("未入库的申报");
        assertThat(severe()).isEmpty();
    }

    @Test
    void onAPhonesWidthNothingRunsOffTheScreen() throws Exception {
        browser.manage().window().setSize(new Dimension(375, 800));
        try {
            browser.get(pool.base + "/");
            waiting().until(d -> !d.findElement(By.id("updated")).getText().equals("—"));
            screenshot("page-phone.png");
            long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow).as("horizontal overflow in pixels").isLessThanOrEqualTo(0);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void theApisOwnDocumentationOpensInSwaggerUi() {
        browser.get(pool.base + "/api/docs");
        waiting().until(d -> !d.findElements(By.cssSelector(".opblock-summary-path")).isEmpty());
        assertThat(browser.findElements(By.cssSelector(".opblock-summary-path")).stream().map(WebElement::getText))
                .contains("/api/projects", "/api/statistics/hotspots");
        assertThat(severe()).isEmpty();
    }

    /** The browser's own errors: a script that failed, an asset refused by the security policy, a request that failed. */
    private static List<String> severe() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }
}
