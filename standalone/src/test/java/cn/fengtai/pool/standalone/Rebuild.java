package cn.fengtai.pool.standalone;

import cn.fengtai.pool.query.readmodel.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.flywaydb.core.Flyway;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** The rebuild figures: a generated store, every read model rebuilt through the operators' path, and a raw read. */
final class Rebuild {

    static final List<String> READ_MODELS = List.of("projects", "batches", "funds", "appeal-volumes");

    record Run(long events, double seconds) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private Rebuild() {
    }

    /** Creates the schema as the application would and fills it with about {@code events} generated events. */
    static long prepare(PostgresSchema schema, long events) throws Exception {
        Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:" + PostgresSchema.PORT + "/test?currentSchema="
                + schema.name, "postgres", "").schemas(schema.name).load().migrate();
        long start = System.nanoTime();
        try (Connection connection = schema.connect()) {
            long written = new EventGenerator().generate(connection, events);
            connection.setAutoCommit(true);
            connection.createStatement().execute("ANALYZE domain_event_entry");
            System.out.printf("generated %,d events in %.1f s%n", written, (System.nanoTime() - start) / 1e9);
            return written;
        }
    }

    static void awaitCaughtUp(RunningPool pool, Duration limit) throws InterruptedException {
        long head = head(pool);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!caughtUp(pool, head)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("read models did not catch up in " + limit);
            Thread.sleep(100);
        }
    }

    /**
     * Rebuilds every read model as an operator does ({@code POST /api/admin/projections/{name}/rebuild}: stop, reset
     * the token, the reset handler drops the read model, replay) and times it until all have reached the head, or
     * until {@code limit} (then the rate is that of the events replayed so far).
     */
    static Run run(RunningPool pool, Duration limit) throws InterruptedException {
        long head = head(pool);
        RunningPool district = pool.as("district");
        long start = System.nanoTime();
        for (String name : READ_MODELS) {
            RunningPool.Answer answer = district.post("/api/admin/projections/" + name + "/rebuild", null);
            if (answer.status() != 202) throw new IllegalStateException("rebuild of " + name + " answered " + answer.status());
        }
        long deadline = start + limit.toNanos();
        // The processors report their old position until the replay has started.
        while (caughtUp(pool, head) && System.nanoTime() - start < 5_000_000_000L) Thread.sleep(5);
        long lastReport = start;
        while (!caughtUp(pool, head) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("  rebuilding: %,d of %,d events%n", slowest(pool) + 1, head + 1);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(Math.min(head, slowest(pool)) + 1, seconds);
    }

    /** Reads and deserializes every event through the storage engine, and nothing else. */
    static double rawRead(RunningPool pool) {
        EventStorageEngine storage = pool.context().getBean(EventStorageEngine.class);
        long start = System.nanoTime();
        AtomicLong count = new AtomicLong();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            events.forEach(event -> {
                if (event.getPayload() != null && event.getMetaData() != null) count.incrementAndGet();
            });
        }
        return count.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static long head(RunningPool pool) {
        return pool.context().getBean(EventStorageEngine.class).createHeadToken().position().orElse(-1);
    }

    private static boolean caughtUp(RunningPool pool, long head) {
        return slowest(pool) >= head;
    }

    private static long slowest(RunningPool pool) {
        EventProcessingConfiguration processing = pool.context().getBean(EventProcessingConfiguration.class);
        long slowest = Long.MAX_VALUE;
        for (String name : READ_MODELS) {
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
            // As operators see it: as far as the read model holds the events.
            long position = ReadModels.position(processor);
            if (processor.processingStatus().isEmpty()) position = -1;
            slowest = Math.min(slowest, position);
        }
        return slowest;
    }

    /**
     * The peak heap in use while it watches, sampled every 100 ms: garbage the collector has not yet reclaimed counts,
     * so it says as much about the collector's pacing as about what the application holds. {@link #watchLive} says
     * what it holds: every second a full collection, then the heap in use, the live objects alone.
     */
    static final class Memory implements AutoCloseable {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong peak = new AtomicLong();
        private final boolean collect;

        private Memory(boolean collect) {
            this.collect = collect;
        }

        static Memory watch() {
            Memory memory = new Memory(false);
            memory.sampler.scheduleAtFixedRate(memory::sample, 0, 100, TimeUnit.MILLISECONDS);
            return memory;
        }

        /** Slows what it watches (a full collection a second): for a pass of its own, not a timed one. */
        static Memory watchLive() {
            Memory memory = new Memory(true);
            memory.sampler.scheduleWithFixedDelay(memory::sample, 0, 1, TimeUnit.SECONDS);
            return memory;
        }

        private void sample() {
            if (collect) System.gc();
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) used += pool.getUsage().getUsed();
            }
            peak.accumulateAndGet(used, Math::max);
        }

        long peakHeapMiB() {
            return peak.get() >> 20;
        }

        static long peakResidentMiB() throws Exception {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
            }
            return -1;
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }
}
