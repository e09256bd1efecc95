package cn.fengtai.pool.wiring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long appends waited for the append lock and how long they held it (from taking it to the end of their
 * transaction, including any wait for a core). The lock admits one transaction at a time, so once the CPU is not the
 * limit, the time it is held bounds the append rate: the benchmark reports both means beside the commands a second,
 * and operators see them with the events stored at {@code /actuator/prometheus} ({@link #bindTo}).
 */
public final class AppendLockTimes implements MeterBinder {

    /** Sums since the start; {@link #minus} gives those of a stretch of time. */
    public record Totals(long appends, long waitedNanos, long released, long heldNanos) {

        public Totals minus(Totals before) {
            return new Totals(appends - before.appends, waitedNanos - before.waitedNanos, released - before.released,
                    heldNanos - before.heldNanos);
        }

        public Totals plus(Totals other) {
            return new Totals(appends + other.appends, waitedNanos + other.waitedNanos, released + other.released,
                    heldNanos + other.heldNanos);
        }

        public double meanWaitMillis() {
            return appends == 0 ? 0 : waitedNanos / 1e6 / appends;
        }

        public double meanHeldMillis() {
            return released == 0 ? 0 : heldNanos / 1e6 / released;
        }
    }

    private final LongAdder appends = new LongAdder();
    private final LongAdder waitedNanos = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder heldNanos = new LongAdder();
    private final LongAdder stored = new LongAdder();

    void waited(long nanos) {
        appends.increment();
        waitedNanos.add(nanos);
    }

    void held(long nanos) {
        released.increment();
        heldNanos.add(nanos);
    }

    void stored(int events) {
        stored.add(events);
    }

    /** Read from the sums kept here, so the benchmark and the metrics cannot disagree. */
    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("pool.events.appended", stored, LongAdder::sum)
                .description("events stored by this instance").register(registry);
        FunctionTimer.builder("pool.append.lock.wait", this, times -> times.appends.sum(),
                        times -> times.waitedNanos.sum(), TimeUnit.NANOSECONDS)
                .description("appends: time from asking for the append lock to holding it").register(registry);
        FunctionTimer.builder("pool.append.lock.held", this, times -> times.released.sum(),
                        times -> times.heldNanos.sum(), TimeUnit.NANOSECONDS)
                .description("append transactions: time the append lock was held, to the end of the transaction")
                .register(registry);
    }

    public Totals totals() {
        return new Totals(appends.sum(), waitedNanos.sum(), released.sum(), heldNanos.sum());
    }
}
