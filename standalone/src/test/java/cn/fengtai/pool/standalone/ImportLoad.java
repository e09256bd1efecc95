package cn.fengtai.pool.standalone;

import cn.fengtai.pool.wiring.AppendLockTimes;
import cn.fengtai.pool.wiring.SerialAppendEngine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 26, goal 6: the rows a second of a spreadsheet import against the same rows filed as HTTP commands by 16
 * clients, interleaved (import, HTTP, import, HTTP) so that the machine's drift hits both; each round files fresh
 * projects. The import runs in the background (more than {@code pool.imports.async-rows} rows) and is timed until its
 * report says DONE.
 */
final class ImportLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("district:demo".getBytes(StandardCharsets.UTF_8));

    private ImportLoad() {
    }

    static Map<String, Object> run(RunningPool pool, int rows, int clients, int rounds) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
        AppendLockTimes lock = pool.context().getBean(SerialAppendEngine.class).lockTimes();
        List<Double> imported = new ArrayList<>();
        List<Double> commanded = new ArrayList<>();
        AppendLockTimes.Totals importLock = new AppendLockTimes.Totals(0, 0, 0, 0);
        AppendLockTimes.Totals httpLock = importLock;
        long importNanos = 0;
        long httpNanos = 0;
        for (int round = 0; round < rounds; round++) {
            AppendLockTimes.Totals before = lock.totals();
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            imported.add(importRate(pool, http, rows, "I" + round));
            importNanos += System.nanoTime() - start;
            System.out.println("import series import " + startedAt + " " + Instant.now());
            AppendLockTimes.Totals between = lock.totals();
            importLock = importLock.plus(between.minus(before));
            startedAt = Instant.now();
            start = System.nanoTime();
            commanded.add(httpRate(pool, http, rows, clients, "H" + round));
            httpNanos += System.nanoTime() - start;
            System.out.println("import series http " + startedAt + " " + Instant.now());
            httpLock = httpLock.plus(lock.totals().minus(between));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rows", rows);
        figures.put("clients", clients);
        figures.put("importRowsPerSecond", imported);
        figures.put("httpRowsPerSecond", commanded);
        double ratio = PoolBenchmark.median(imported) / PoolBenchmark.median(commanded);
        figures.put("ratioVsHttp", Math.round(ratio * 100) / 100.0);
        // Where the rows wait: the append lock admits one transaction at a time, so its busy share near 1 is the bound.
        figures.put("importAppendsPerCommit", PoolBenchmark.round(importLock.appends() / (double) Math.max(1, importLock.released())));
        figures.put("importMeanLockHeldMs", PoolBenchmark.round(importLock.meanHeldMillis()));
        figures.put("importLockBusyShare", PoolBenchmark.round(importLock.heldNanos() / (double) importNanos));
        figures.put("httpAppendsPerCommit", PoolBenchmark.round(httpLock.appends() / (double) Math.max(1, httpLock.released())));
        figures.put("httpMeanLockHeldMs", PoolBenchmark.round(httpLock.meanHeldMillis()));
        figures.put("httpLockBusyShare", PoolBenchmark.round(httpLock.heldNanos() / (double) httpNanos));
        return figures;
    }

    private static double importRate(RunningPool pool, HttpClient http, int rows, String round) throws Exception {
        StringBuilder csv = new StringBuilder("项目编号,街镇,项目名称,项目类别,诉求类型,来源渠道,预计金额（元）\n");
        for (int i = 0; i < rows; i++) {
            csv.append(round).append('-').append(i).append(",西罗园街道,楼道照明").append(round).append('-').append(i)
                    .append(",改善居住条件,房屋滴漏,12345热线,1000\n");
        }
        Multipart upload = Multipart.file("rows.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(pool.base + "/api/imports/projects"))
                .header("Authorization", AUTH).header("Content-Type", upload.contentType())
                .timeout(Duration.ofMinutes(10)).POST(upload.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode report = JSON.readTree(answer.body());
        String location = answer.headers().firstValue("Location").orElse(null);
        while (location != null && report.path("status").asString().equals("RUNNING")) {
            Thread.sleep(100);
            report = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(pool.base + location)).header("Authorization", AUTH)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report.path("accepted").asInt() != rows) throw new IllegalStateException("import: " + report.toString().substring(0, 300));
        return Math.round(rows / seconds * 10) / 10.0;
    }

    private static double httpRate(RunningPool pool, HttpClient http, int rows, int clients, String round) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(workers.submit(() -> {
                for (int i = next.getAndIncrement(); i < rows; i = next.getAndIncrement()) {
                    String body = "{\"street\":\"xiluoyuan\",\"title\":\"楼道照明" + round + "-" + i
                            + "\",\"category\":\"HOUSING\",\"issueTypes\":[\"HOUSE_LEAK\"],\"channel\":\"HOTLINE\",\"estimatedCost\":1000}";
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(pool.base + "/api/projects"))
                            .header("Authorization", AUTH).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 201) throw new IllegalStateException("HTTP " + answer.statusCode());
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        workers.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        return Math.round(rows / seconds * 10) / 10.0;
    }
}
