package cn.fengtai.pool.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The machine's load around a benchmark run: the one-minute load average before it and sampled every five seconds
 * during it (mean and highest), and how busy the cores were in the five seconds before the run began
 * ({@code /proc/stat}; the load average would still hold the build that just ran). The run's own load generator,
 * application and PostgreSQL are in the figures during the run, so only the time before it tells whether something
 * else was busy: above a quarter of the machine's cores, the summary marks the run {@code noisy} and its table claims
 * no goal.
 */
final class LoadWatch {

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "load-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder samples = new LongAdder();
    private volatile double highest;

    private LoadWatch() {
    }

    static LoadWatch start() {
        LoadWatch watch = new LoadWatch();
        watch.sampler.scheduleAtFixedRate(() -> {
            double load = loadAverage();
            watch.sum.add(load);
            watch.samples.increment();
            watch.highest = Math.max(watch.highest, load);
        }, 5, 5, TimeUnit.SECONDS);
        return watch;
    }

    void stop(Map<String, Object> machine) {
        sampler.shutdownNow();
        long n = samples.sum();
        machine.put("loadAverageDuringMean", n == 0 ? null : Math.round(sum.sum() / n * 100) / 100.0);
        machine.put("loadAverageDuringMax", highest);
        double busy = ((Number) machine.get("busyBefore")).doubleValue();
        machine.put("noisy", busy > 0.25);
    }

    /** The share of the cores' time spent busy over the next five seconds (0 to 1). */
    static double busyOverFiveSeconds() {
        try {
            long[] first = cpu();
            Thread.sleep(5_000);
            long[] second = cpu();
            double total = second[0] - first[0];
            return total <= 0 ? 0 : Math.round((second[1] - first[1]) / total * 1000) / 1000.0;
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** All jiffies and the busy ones (all but idle and iowait), from the first line of {@code /proc/stat}. */
    private static long[] cpu() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) total += Long.parseLong(fields[i]);
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[]{total, total - idle};
    }

    /** The one-minute load average of the machine ({@code /proc/loadavg}), or the JVM's view of it elsewhere. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }
}
