package cn.fengtai.pool.standalone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 26, goal 3: the public page's reads at a fixed rate (open loop: district and batch statistics, the street
 * table, a filtered list, a project) against a static file of about the same size served by the same application at
 * the same rate ({@code src/test/resources/static/assets/benchmark-static.json}), interleaved (reads, static, reads,
 * static). The ratio is the reads' p99 over the static file's. Not yet: half of the reads conditional with the ETag.
 */
final class PublicReadsLoad {

    private PublicReadsLoad() {
    }

    static Map<String, Object> run(RunningPool pool, String project, int rate, Duration warmUp, Duration measured, int rounds)
            throws Exception {
        QueryLoad load = new QueryLoad(pool.base);
        String[] mix = {"/api/statistics/district", "/api/statistics/batches/2024-1", "/api/statistics/streets",
                "/api/projects?street=xiluoyuan&status=APPROVED", "/api/projects/" + project};
        List<Double> reads = new ArrayList<>();
        List<Double> statics = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            QueryLoad.Latency r = load.measure(rate, warmUp, measured, i -> mix[i % mix.length]);
            QueryLoad.Latency s = load.measure(rate, warmUp, measured, i -> "/assets/benchmark-static.json");
            reads.add(r.p99Ms());
            statics.add(s.p99Ms());
            failed.add(r.failed() + s.failed());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ratePerSecond", rate);
        figures.put("readsP99Ms", reads);
        figures.put("staticP99Ms", statics);
        figures.put("failed", failed);
        figures.put("ratioVsStatic", Math.round(PoolBenchmark.median(reads) / Math.max(0.001, PoolBenchmark.median(statics)) * 100) / 100.0);
        return figures;
    }
}
