package cn.fengtai.pool.wiring;

import java.util.concurrent.atomic.LongAdder;

/**
 * How long appends waited for the append lock and how long they held it (from taking it to the end of their
 * transaction, including any wait for a core). The lock admits one transaction at a time, so once the CPU is not the
 * limit, the time it is held bounds the append rate: the benchmark reports both means beside the commands a second.
 */
public final class AppendLockTimes {

    /** Sums since the start; {@link #minus} gives those of a stretch of time. */
    public record Totals(long appends, long waitedNanos, long released, long heldNanos) {

        public Totals minus(Totals before) {
            return new Totals(appends - before.appends, waitedNanos - before.waitedNanos, released - before.released,
                    heldNanos - before.heldNanos);
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

    void waited(long nanos) {
        appends.increment();
        waitedNanos.add(nanos);
    }

    void held(long nanos) {
        released.increment();
        heldNanos.add(nanos);
    }

    public Totals totals() {
        return new Totals(appends.sum(), waitedNanos.sum(), released.sum(), heldNanos.sum());
    }
}
