package cn.fengtai.pool.query.readmodel;

import java.time.Instant;

/** A read-model document that remembers the last event of its aggregate it reflects. */
public interface Versioned {

    /** The aggregate sequence number of the last applied event; -1 before the first. */
    long version();

    void stamp(long sequence, long globalPosition, Instant recordedAt);
}
