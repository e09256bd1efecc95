package cn.fengtai.pool.query.readmodel;

import java.time.Instant;

/** The bookkeeping every read-model document shares: which event of its aggregate it reflects, and when. */
public abstract class VersionedView implements Versioned {

    private long version = -1;
    private long position = -1;
    private Instant updatedAt;

    @Override
    public void stamp(long sequence, long globalPosition, Instant recordedAt) {
        version = sequence;
        position = globalPosition;
        updatedAt = recordedAt;
    }

    @Override
    public long version() {
        return version;
    }

    /** The global position of the last event reflected. */
    public long position() {
        return position;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
