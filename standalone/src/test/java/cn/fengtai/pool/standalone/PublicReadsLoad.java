package cn.fengtai.pool.standalone;

import cn.fengtai.pool.query.web.PublicAnswers;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 26, goal 3: the public page's reads at a fixed rate (open loop: district and batch statistics, the street
 * table, a filtered list, a project; every other request conditional on the ETag the page holds) against a static file
 * of about the same size served by the same application at the same rate
 * ({@code src/test/resources/static/assets/benchmark-static.json}). A third series is the same reads with the kept
 * answers switched off ({@link PublicAnswers#keep}), every answer computed again as before that design: the before and
 * after of the change in the same run. Interleaved (kept, static, computed, kept, ...) so the machine's drift hits all.
 */
final class PublicReadsLoad {

    private PublicReadsLoad() {
    }

    static Map<String, Object> run(RunningPool pool, String project, int rate, Duration warmUp, Duration measured, int rounds)
            throws Exception {
        QueryLoad load = new QueryLoad(pool.base);
        String[] mix = {"/api/statistics/district", "/api/statistics/batches/2024-1", "/api/statistics/streets",
                "/api/projects?street=xiluoyuan&status=APPROVED", "/api/projects/" + project};
        String[] etags = new String[mix.length];
        for (int i = 0; i < mix.length; i++) {
            etags[i] = pool.get(mix[i]).raw().headers().firstValue("ETag").orElseThrow(() -> new IllegalStateException("no ETag"));
        }
        @SuppressWarnings("unchecked")
        PublicAnswers answers = ((FilterRegistrationBean<PublicAnswers>) pool.context().getBean("publicAnswers")).getFilter();
        // Settled first, not counted: just after the projects were written the JIT and the processors are still busy
        // (a first round measured at once saturated every series, the static file's too).
        answers.keep(true);
        load.warm(rate, Duration.ofSeconds(Long.getLong("bench.readsSettleSeconds", 10)), i -> mix[(i / 2) % mix.length]);
        List<Double> kept = new ArrayList<>();
        List<Double> statics = new ArrayList<>();
        List<Double> computed = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        try {
            for (int round = 0; round < rounds; round++) {
                answers.keep(true);
                QueryLoad.Latency k = series("kept", () -> load.measure(rate, warmUp, measured, i -> mix[(i / 2) % mix.length],
                        i -> i % 2 == 0 ? etags[(i / 2) % mix.length] : null));
                QueryLoad.Latency s = series("static", () -> load.measure(rate, warmUp, measured, i -> "/assets/benchmark-static.json"));
                answers.keep(false);
                QueryLoad.Latency c = series("computed", () -> load.measure(rate, warmUp, measured, i -> mix[(i / 2) % mix.length],
                        i -> i % 2 == 0 ? etags[(i / 2) % mix.length] : null));
                kept.add(k.p99Ms());
                statics.add(s.p99Ms());
                computed.add(c.p99Ms());
                failed.add(k.failed() + s.failed() + c.failed());
            }
        } finally {
            answers.keep(true);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ratePerSecond", rate);
        figures.put("conditional", "every other request, If-None-Match");
        figures.put("readsP99Ms", kept);
        figures.put("staticP99Ms", statics);
        figures.put("computedEachTimeP99Ms", computed);
        figures.put("failed", failed);
        figures.put("ratioVsStatic", Math.round(PoolBenchmark.median(kept) / Math.max(0.001, PoolBenchmark.median(statics)) * 100) / 100.0);
        figures.put("computedOverKept", Math.round(PoolBenchmark.median(computed) / Math.max(0.001, PoolBenchmark.median(kept)) * 100) / 100.0);
        return figures;
    }

    interface Series {
        QueryLoad.Latency measure() throws Exception;
    }

    /** Prints when each series ran, so that a profile of the run can be cut into the series' stretches. */
    private static QueryLoad.Latency series(String name, Series series) throws Exception {
        Instant start = Instant.now();
        QueryLoad.Latency latency = series.measure();
        System.out.println("public reads series " + name + " " + start + " " + Instant.now());
        return latency;
    }
}
