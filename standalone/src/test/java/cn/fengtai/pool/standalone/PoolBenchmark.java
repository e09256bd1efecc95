package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark (README, "Benchmarks"): not part of {@code ./mvnw verify}; run by the {@code benchmark} profile. Each
 * figure is measured next to its baseline in the same run, on this machine, and the summary goes to
 * {@code target/benchmarks/summary.json} at the repository root. It asserts nothing about time: the goals are read
 * from the summary (docs/benchmarks.md).
 */
class PoolBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 10));
    static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 30));

    @Test
    void run() throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "target/benchmarks"));
        Files.createDirectories(out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("machine", machine());
        summary.put("append", append());
        Files.writeString(out.resolve("summary.json"),
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        System.out.println(summary);
    }

    private Map<String, Object> append() throws Exception {
        Path data = Files.createTempDirectory("bench-append");
        try (PostgresSchema schema = PostgresSchema.require();
             RunningPool pool = RunningPool.start(data, schema.properties(PostgresSchema.PORT))) {
            AppendLoad load = new AppendLoad(pool.base);
            load.prepare();
            double[] http = load.http(CLIENTS, WARM_UP, MEASURED);
            double raw = AppendLoad.rawCeiling(schema, CLIENTS, WARM_UP, MEASURED);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("clients", CLIENTS);
            figures.put("commandsPerSecond", round(http[0]));
            figures.put("commands", (long) http[1]);
            figures.put("refused", (long) http[2]);
            figures.put("rawCeilingPerSecond", round(raw));
            figures.put("ratio", round(http[0] / raw));
            return figures;
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("java", System.getProperty("java.version"));
        return machine;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
