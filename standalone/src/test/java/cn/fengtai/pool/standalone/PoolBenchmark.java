package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import cn.fengtai.pool.wiring.AppendLockTimes;
import cn.fengtai.pool.wiring.SerialAppendEngine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import cn.fengtai.pool.events.reference.ReferenceCodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Map;

/**
 * The benchmark (README, "Benchmarks"): not part of {@code ./mvnw verify}; run by the {@code benchmark} profile. Each
 * figure is measured next to its baseline in the same run, on this machine, and the summary goes to
 * {@code target/benchmarks/summary.json} at the repository root. It asserts nothing about time: the goals are read
 * from the summary (docs/benchmarks.md).
 */
class PoolBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 5));
    static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 10));

    @Test
    void run() throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "target/benchmarks"));
        Files.createDirectories(out);
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Object> machine = machine();
        summary.put("machine", machine);
        LoadWatch watch = LoadWatch.start();
        if (part("append")) {
            summary.put("append", orError(this::append));
            summary.put("appendOverNetwork", orError(this::appendOverNetwork));
        }
        if (part("commands")) {
            summary.put("commands", orError(() -> CommandsVsStock.run(CLIENTS, Duration.ofSeconds(Long.getLong("bench.commandsWarmUpSeconds", 5)),
                    Duration.ofSeconds(Long.getLong("bench.commandsSeconds", 15)), Integer.getInteger("bench.commandsRounds", 2),
                    Integer.getInteger("bench.steadyRate", 50), Duration.ofSeconds(Long.getLong("bench.steadySeconds", 60)))));
        }
        if (part("import")) {
            Path data = Files.createTempDirectory("bench-import");
            try (PostgresSchema schema = PostgresSchema.require();
                 RunningPool pool = RunningPool.start(data, schema.properties(PostgresSchema.PORT,
                         "pool.imports.parallel-rows=" + Integer.getInteger("bench.importParallelRows", 8)))) {
                summary.put("import", orError(() -> ImportLoad.run(pool, Integer.getInteger("bench.importRows", 20_000), CLIENTS,
                        Integer.getInteger("bench.importRounds", 1))));
            }
        }
        if (part("reads")) {
            Path data = Files.createTempDirectory("bench-reads");
            try (RunningPool pool = RunningPool.start(data)) {
                pool.as("district").post("/api/batches", "{\"id\":\"2024-1\",\"name\":\"2024年第一批\",\"year\":2024}");
                String project = null;
                for (int i = 0; i < 200; i++) {
                    String id = pool.as("street.xiluoyuan").post("/api/projects", "{\"street\":\"xiluoyuan\",\"title\":\"项目" + i
                            + "\",\"category\":\"HOUSING\",\"issueTypes\":[\"HOUSE_LEAK\"],\"channel\":\"HOTLINE\",\"estimatedCost\":1000}")
                            .body().path("id").asString();
                    pool.as("district").post("/api/projects/" + id + "/approve", "{\"batch\":\"2024-1\",\"responsibleUnit\":\"街道\","
                            + "\"deadline\":\"2030-06-30\",\"tasks\":[\"修缮\"]}");
                    if (project == null) project = id;
                }
                pool.awaitCaughtUp();
                String first = project;
                summary.put("publicReads", orError(() -> PublicReadsLoad.run(pool, first, Integer.getInteger("bench.readsRate", 1_000),
                        Duration.ofSeconds(Long.getLong("bench.readsWarmUpSeconds", 5)),
                        Duration.ofSeconds(Long.getLong("bench.readsSeconds", 15)), Integer.getInteger("bench.readsRounds", 2))));
            }
        }
        if (part("stream")) {
            try (RunningPool pool = RunningPool.start(Files.createTempDirectory("bench-stream"))) {
                summary.put("stream", orError(() -> StreamFanOut.run(pool, Integer.getInteger("bench.subscribers", 1_000),
                        Integer.getInteger("bench.streamRate", 20), Duration.ofSeconds(Long.getLong("bench.streamSeconds", 60)))));
            }
        }
        if (part("rebuild")) {
            summary.put("rebuild", orError(this::rebuild));
            if (query != null) summary.put("query", query);
            if (queryAtSmall != null) summary.put("queryAt100k", queryAtSmall);
            if (asOf != null) summary.put("asOf", asOf);
        }
        watch.stop(machine);
        Files.writeString(out.resolve("summary.json"),
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        System.out.println(table(summary));
        System.out.println("summary: " + out.resolve("summary.json").toAbsolutePath());
    }

    /**
     * Whether a part runs: those {@code -Dbench.only} lists ({@code append,commands,import,reads,stream,rebuild}), or, without it,
     * every part but those {@code -Dbench.skip<Part>=true} leaves out.
     */
    static boolean part(String name) {
        String only = System.getProperty("bench.only");
        if (only != null && !only.isBlank()) return java.util.Arrays.asList(only.split(",")).contains(name);
        return !Boolean.getBoolean("bench.skip" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }

    /** The summary as a readable table, one figure per line, goals beside the figures they apply to. */
    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> summary) {
        Map<String, String> goals = Map.ofEntries(
                Map.entry("append.ratio", "retired (was >= 0.5)"),
                Map.entry("rebuild.ratioVsRawRead", ">= 0.3"),
                Map.entry("rebuild.ratioVsAxonDefault", ">= 5"),
                Map.entry("rebuild.scaling", "<= 11"),
                Map.entry("rebuild.heapRatio", "<= 1.5"),
                Map.entry("import.ratioVsHttp", ">= 2"),
                Map.entry("publicReads.ratioVsStatic", "<= 2"),
                Map.entry("commands.ratioVsStock", ">= 1.0"),
                Map.entry("stream.fanoutRatio", "<= 3"),
                Map.entry("commands.p99RatioVsStock", "<= 1.5"),
                Map.entry("publicReads.computedOverKept", "> 1 (before over after)"));
        boolean noisy = summary.get("machine") instanceof Map<?, ?> machine && Boolean.TRUE.equals(machine.get("noisy"));
        StringBuilder table = new StringBuilder("\n%-40s %18s   %s%n".formatted("figure", "value",
                noisy ? "goal (the machine was busy before the run: no goal is claimed)" : "goal"));
        summary.forEach((section, figures) -> ((Map<String, Object>) figures).forEach((name, value) -> {
            if (value instanceof Map<?, ?> byEndpoint) {
                byEndpoint.forEach((endpoint, v) -> table.append("%-40s %18s   %s%n".formatted(section + "." + name + "."
                        + endpoint, v, name.equals("p99Ms") ? "<= 50" : "")));
            } else {
                String goal = goals.getOrDefault(section + "." + name, "");
                table.append("%-40s %18s   %s%n".formatted(section + "." + name, value,
                        noisy && !goal.isEmpty() ? goal + " (noisy: not claimed)" : goal));
            }
        }));
        return table.toString();
    }

    private Map<String, Object> append() throws Exception {
        Path data = Files.createTempDirectory("bench-append");
        try (PostgresSchema schema = PostgresSchema.require();
             RunningPool pool = RunningPool.start(data, schema.properties(PostgresSchema.PORT))) {
            AppendRun run = appendLoad(pool, CLIENTS, WARM_UP, MEASURED);
            double raw = AppendLoad.rawCeiling(schema, PostgresSchema.PORT, CLIENTS, WARM_UP, MEASURED);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("clients", CLIENTS);
            figures.put("commandsPerSecond", round(run.commandsPerSecond()));
            figures.put("commands", run.commands());
            figures.put("refused", run.refused());
            figures.put("rawCeilingPerSecond", round(raw));
            figures.put("ratio", round(run.commandsPerSecond() / raw));
            // Where the time goes: appends are serialised from the lock to their commit (means over the whole run).
            figures.put("appends", run.lock().appends());
            figures.put("commits", run.lock().released());
            figures.put("meanLockWaitMs", round(run.lock().meanWaitMillis()));
            figures.put("meanLockHeldMs", round(run.lock().meanHeldMillis()));
            return figures;
        }
    }

    /**
     * The group commit against one commit per request, with the database one network hop away: every byte between
     * the application and PostgreSQL held {@code bench.dbLatencyMicros} each way by a forwarder. On loopback both are
     * bound by the two cores; across a network the lock's time is round trips, and the group commit shares them.
     */
    private Map<String, Object> appendOverNetwork() throws Exception {
        long latency = Long.getLong("bench.dbLatencyMicros", 250);
        Duration measured = Duration.ofSeconds(Long.getLong("bench.networkSeconds", 10));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("dbLatencyMicros", latency);
        AppendRun[] runs = new AppendRun[2];
        for (boolean groupCommit : new boolean[]{true, false}) {
            Path data = Files.createTempDirectory("bench-append-network");
            try (PostgresSchema schema = PostgresSchema.require();
                 TcpProxy network = new TcpProxy(PostgresSchema.PORT, latency);
                 RunningPool pool = RunningPool.start(data, schema.properties(network.port(),
                         "pool.event-store.group-commit=" + groupCommit))) {
                runs[groupCommit ? 0 : 1] = appendLoad(pool, CLIENTS, WARM_UP, measured);
            }
        }
        figures.put("commandsPerSecond", round(runs[0].commandsPerSecond()));
        figures.put("appendsPerCommit", round(runs[0].lock().appends() / (double) runs[0].lock().released()));
        figures.put("meanLockHeldMs", round(runs[0].lock().meanHeldMillis()));
        figures.put("serialCommandsPerSecond", round(runs[1].commandsPerSecond()));
        figures.put("serialMeanLockHeldMs", round(runs[1].lock().meanHeldMillis()));
        figures.put("groupCommitGain", round(runs[0].commandsPerSecond() / runs[1].commandsPerSecond()));
        return figures;
    }

    private record AppendRun(double commandsPerSecond, long commands, long refused, AppendLockTimes.Totals lock) {
    }

    private static AppendRun appendLoad(RunningPool pool, int clients, Duration warmUp, Duration measured)
            throws InterruptedException {
        AppendLoad load = new AppendLoad(pool.base);
        load.prepare();
        AppendLockTimes lock = pool.context().getBean(SerialAppendEngine.class).lockTimes();
        AppendLockTimes.Totals before = lock.totals();
        double[] http = load.http(clients, warmUp, measured);
        return new AppendRun(http[0], (long) http[1], (long) http[2], lock.totals().minus(before));
    }

    private Object query;
    private Object queryAtSmall;
    private Object asOf;

    /**
     * The auditors' as-of answers on the million-event store, at the instant of the middle event: one request at a
     * time, the median of three (the statistics are folded from the events up to that instant on every request).
     */
    private Map<String, Object> asOf(RunningPool pool) {
        var jdbc = pool.context().getBean(org.springframework.jdbc.core.JdbcTemplate.class);
        long middle = jdbc.queryForObject("SELECT MAX(global_index) / 2 FROM domain_event_entry", Long.class);
        String instant = jdbc.queryForObject("SELECT time_stamp FROM domain_event_entry WHERE global_index >= ? "
                + "ORDER BY global_index LIMIT 1", String.class, middle);
        String project = pool.as("auditor").get("/api/projects?size=1&sort=filedAt,asc").body().path("items").get(0).path("id").asString();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("instant", instant);
        figures.put("districtStatisticsMs", medianMillis(pool.as("auditor"), "/api/statistics/district?asOf=" + instant));
        figures.put("projectDetailMs", medianMillis(pool.as("auditor"), "/api/projects/" + project + "?asOf=" + instant));
        return figures;
    }

    private static double medianMillis(RunningPool client, String path) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            RunningPool.Answer answer = client.get(path);
            if (answer.status() != 200) throw new IllegalStateException(path + " answered " + answer.status());
            times.add((System.nanoTime() - start) / 1e6);
        }
        times.sort(null);
        return round(times.get(1));
    }

    /**
     * Four endpoints, one after the other, each at a fixed 200 requests a second: {@code query} on the read models of
     * the million-event store, {@code queryAt100k} on those of the hundred-thousand-event one.
     */
    private Map<String, Object> query(RunningPool pool) throws Exception {
        int rate = Integer.getInteger("bench.queryRate", 200);
        Duration measured = Duration.ofSeconds(Long.getLong("bench.querySeconds", 10));
        List<String> ids = new ArrayList<>();
        pool.get("/api/projects?size=200&status=COMPLETED").body().path("items").forEach(i -> ids.add(i.path("id").asString()));
        List<String> batches = new ArrayList<>();
        pool.get("/api/batches").body().forEach(b -> batches.add(b.path("id").asString()));
        List<String> streets = List.copyOf(ReferenceCodes.streets().keySet());
        if (ids.isEmpty() || batches.isEmpty()) throw new IllegalStateException("no completed projects or no batches to ask for");
        Map<String, IntFunction<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("projectList", n -> "/api/projects?street=" + streets.get(n % streets.size())
                + "&status=COMPLETED&category=HOUSING&size=20");
        endpoints.put("projectDetail", n -> "/api/projects/" + ids.get(n % ids.size()));
        endpoints.put("batchStatistics", n -> "/api/statistics/batches/" + batches.get(n % batches.size()));
        endpoints.put("streetStatistics", n -> "/api/statistics/streets?batch=" + batches.get(n % batches.size()));
        QueryLoad load = new QueryLoad(pool.base);
        // Right after a rebuild the application is still settling (the store rewriting the pages the rebuild left
        // sparse, the rebuilt documents promoted in the heap: young collections of 200 ms and more were logged in the
        // first seconds). The figures are for a warm application: all four endpoints at the same rate
        // for bench.querySettleSeconds first, not counted.
        Duration settle = Duration.ofSeconds(Long.getLong("bench.querySettleSeconds", 5));
        List<IntFunction<String>> all = List.copyOf(endpoints.values());
        load.warm(rate, settle, n -> all.get(n % all.size()).apply(n / all.size()));
        Map<String, Object> p50 = new LinkedHashMap<>();
        Map<String, Object> p99 = new LinkedHashMap<>();
        Map<String, Object> failed = new LinkedHashMap<>();
        for (var endpoint : endpoints.entrySet()) {
            QueryLoad.Latency latency = load.measure(rate, Duration.ofSeconds(3), measured, endpoint.getValue());
            p50.put(endpoint.getKey(), latency.p50Ms());
            p99.put(endpoint.getKey(), latency.p99Ms());
            failed.put(endpoint.getKey(), latency.failed());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ratePerSecond", rate);
        figures.put("projects", pool.get("/api/projects?size=1").body().path("total").asLong());
        figures.put("p50Ms", p50);
        figures.put("p99Ms", p99);
        figures.put("failed", failed);
        return figures;
    }

    private Map<String, Object> rebuild() throws Exception {
        long small = Long.getLong("bench.smallEvents", 100_000);
        long large = Long.getLong("bench.largeEvents", 1_000_000);
        Map<String, Object> figures = new LinkedHashMap<>();
        try (PostgresSchema schema = PostgresSchema.require()) {
            Path data = Files.createTempDirectory("bench-rebuild-small");
            long events = Rebuild.prepare(schema, small);
            Rebuild.Run ours;
            try (RunningPool pool = RunningPool.start(data, schema.properties(PostgresSchema.PORT))) {
                Rebuild.awaitCaughtUp(pool, Duration.ofMinutes(10));
                try (Rebuild.Memory memory = Rebuild.Memory.watch()) {
                    ours = Rebuild.run(pool, Duration.ofMinutes(10));
                    figures.put("smallPeakHeapMiB", memory.peakHeapMiB());
                }
            }
            Rebuild.Run axonDefault;
            try (RunningPool pool = RunningPool.start(data, schema.properties(PostgresSchema.PORT,
                    "pool.projections.axon-defaults=true"))) {
                Rebuild.awaitCaughtUp(pool, Duration.ofMinutes(10));
                axonDefault = Rebuild.run(pool, Duration.ofSeconds(Long.getLong("bench.baselineSeconds", 20)));
            }
            figures.put("smallEvents", events);
            figures.put("smallSeconds", round(ours.seconds()));
            figures.put("smallEventsPerSecond", round(ours.eventsPerSecond()));
            figures.put("axonDefaultEventsPerSecond", round(axonDefault.eventsPerSecond()));
            figures.put("axonDefaultEventsMeasured", axonDefault.events());
            figures.put("ratioVsAxonDefault", round(ours.eventsPerSecond() / axonDefault.eventsPerSecond()));
            try (RunningPool pool = RunningPool.start(data, schema.properties(PostgresSchema.PORT))) {
                Rebuild.awaitCaughtUp(pool, Duration.ofMinutes(10));
                queryAtSmall = orError(() -> query(pool));
                figures.put("smallLiveHeapMiB", orError(() -> liveHeapMiB(pool)));
            }
        }
        try (PostgresSchema schema = PostgresSchema.require()) {
            Path data = Files.createTempDirectory("bench-rebuild-large");
            long events = Rebuild.prepare(schema, large);
            try (RunningPool pool = RunningPool.start(data, schema.properties(PostgresSchema.PORT))) {
                Rebuild.awaitCaughtUp(pool, Duration.ofMinutes(20));
                double rawRead = Rebuild.rawRead(pool);
                Rebuild.Run ours;
                long peakHeap;
                try (Rebuild.Memory memory = Rebuild.Memory.watch()) {
                    ours = Rebuild.run(pool, Duration.ofMinutes(20));
                    peakHeap = memory.peakHeapMiB();
                }
                figures.put("events", events);
                figures.put("seconds", round(ours.seconds()));
                figures.put("eventsPerSecond", round(ours.eventsPerSecond()));
                figures.put("rawReadPerSecond", round(rawRead));
                figures.put("ratioVsRawRead", round(ours.eventsPerSecond() / rawRead));
                figures.put("scaling", round(ours.seconds() / (double) figures.get("smallSeconds")));
                figures.put("peakHeapMiB", peakHeap);
                figures.put("sampledHeapRatio", round(peakHeap / (double) (long) figures.get("smallPeakHeapMiB")));
                figures.put("peakResidentMiB", Rebuild.Memory.peakResidentMiB());
                query = orError(() -> query(pool));
                asOf = orError(() -> asOf(pool));
                Object live = orError(() -> liveHeapMiB(pool));
                figures.put("liveHeapMiB", live);
                if (live instanceof Long l && figures.get("smallLiveHeapMiB") instanceof Long smallLive) {
                    figures.put("heapRatio", round(l / (double) smallLive));
                }
            }
        }
        return figures;
    }

    /**
     * The peak of the live heap while every read model is rebuilt once more, after the timed rebuild and the queries
     * (the full collections {@link Rebuild.Memory#watchLive} takes would slow them).
     */
    private static long liveHeapMiB(RunningPool pool) throws InterruptedException {
        try (Rebuild.Memory live = Rebuild.Memory.watchLive()) {
            Rebuild.run(pool, Duration.ofMinutes(30));
            return live.peakHeapMiB();
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("loadAverageBefore", LoadWatch.loadAverage());
        machine.put("busyBefore", LoadWatch.busyOverFiveSeconds());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("java", System.getProperty("java.version"));
        return machine;
    }

    /** A part of the run, or a figure that takes a run of its own. */
    interface Part<T> {
        T run() throws Exception;
    }

    /** A part that failed is reported in the summary, and the parts after it still run. */
    private static <T> Object orError(Part<T> part) {
        try {
            return part.run();
        } catch (Exception e) {
            e.printStackTrace();
            return Map.of("error", String.valueOf(e));
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
