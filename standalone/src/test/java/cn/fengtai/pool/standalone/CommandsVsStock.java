package cn.fengtai.pool.standalone;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 26, goals 1 and 2: the commands against the peer a user would build instead, the same application with Axon's
 * own JDBC appends ({@code pool.event-store.mode=stock}: no append lock, no group commit, no hash chain). Both run at
 * once on PostgreSQL, each on a schema of its own, and are measured in turn (ours, stock, ours, stock): 16 signed-in
 * HTTP clients driving projects through their life as fast as they are answered (goal 1: the rates' ratio, and both
 * latency distributions), then an open loop of 50 commands a second for 60 s (goal 2: the p99s' ratio).
 */
final class CommandsVsStock {

    private CommandsVsStock() {
    }

    static Map<String, Object> run(int clients, Duration warmUp, Duration measured, int rounds, int steadyRate,
                                   Duration steadyFor) throws Exception {
        try (PostgresSchema oursSchema = PostgresSchema.require(); PostgresSchema stockSchema = PostgresSchema.require();
             RunningPool ours = RunningPool.start(Files.createTempDirectory("bench-ours"), oursSchema.properties(PostgresSchema.PORT));
             RunningPool stock = RunningPool.start(Files.createTempDirectory("bench-stock"),
                     stockSchema.properties(PostgresSchema.PORT, "pool.event-store.mode=stock"))) {
            AppendLoad oursLoad = new AppendLoad(ours.base);
            AppendLoad stockLoad = new AppendLoad(stock.base);
            oursLoad.prepare();
            stockLoad.prepare();
            List<Double> oursRate = new ArrayList<>();
            List<Double> stockRate = new ArrayList<>();
            List<List<Double>> oursLatency = new ArrayList<>();
            List<List<Double>> stockLatency = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double[] o = oursLoad.http(clients, warmUp, measured);
                double[] s = stockLoad.http(clients, warmUp, measured);
                oursRate.add(round(o[0]));
                stockRate.add(round(s[0]));
                oursLatency.add(List.of(o[3], o[4]));
                stockLatency.add(List.of(s[3], s[4]));
            }
            double[] oursSteady = oursLoad.steady(steadyRate, Duration.ofSeconds(10), steadyFor);
            double[] stockSteady = stockLoad.steady(steadyRate, Duration.ofSeconds(10), steadyFor);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("clients", clients);
            figures.put("oursPerSecond", oursRate);
            figures.put("stockPerSecond", stockRate);
            figures.put("oursP50P99Ms", oursLatency);
            figures.put("stockP50P99Ms", stockLatency);
            figures.put("ratioVsStock", round(PoolBenchmark.median(oursRate) / Math.max(0.001, PoolBenchmark.median(stockRate))));
            figures.put("steadyRatePerSecond", steadyRate);
            figures.put("oursSteadyP50P99Ms", List.of(oursSteady[1], oursSteady[2]));
            figures.put("stockSteadyP50P99Ms", List.of(stockSteady[1], stockSteady[2]));
            figures.put("steadyRefused", List.of((long) oursSteady[3], (long) stockSteady[3]));
            figures.put("p99RatioVsStock", round(oursSteady[2] / Math.max(0.001, stockSteady[2])));
            return figures;
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
