package cn.fengtai.pool.query.readmodel;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A number that moves whenever a read model may have changed: after every write of a batch of documents or counters,
 * at the end of every batch of events a processor handled, and when a rebuilt generation starts answering. An answer
 * computed while it held one value is the same answer as long as it holds that value ({@code PublicAnswers} keeps
 * answers by it). It is static because it is moved from the projections' own objects, which are not beans; several
 * applications in one JVM (tests) share it, which only ever makes an answer be computed again, never kept too long.
 */
public final class ReadModelChanges {

    private static final AtomicLong CHANGES = new AtomicLong();

    private ReadModelChanges() {
    }

    /** The current value; read it before computing an answer. */
    public static long current() {
        return CHANGES.get();
    }

    static void happened() {
        CHANGES.incrementAndGet();
    }
}
