package cn.fengtai.pool.events.wiring;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * Axon's JDBC storage engine, with every append serialised by a row lock held until its transaction commits. Without
 * it, two transactions can take global positions 10 and 11 and commit 11 first: a reader that saw 11 and then resumes
 * "after 11" never sees 10. Axon guards against this with a gap timeout, and skips the event when the commit is later
 * than that (AxonFramework issue 4829). With the lock, positions are taken and committed in the same order; the cost
 * is that appends of different aggregates wait for each other for the few milliseconds between append and commit.
 */
class SerialAppendEngine extends JdbcEventStorageEngine {

    static final String LOCK = "UPDATE event_append_lock SET appends = appends + 1 WHERE id = 1";

    private final JdbcTemplate jdbc;

    SerialAppendEngine(Builder builder, JdbcTemplate jdbc) {
        super(builder);
        this.jdbc = jdbc;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (!events.isEmpty()) {
            jdbc.update(LOCK);
        }
        super.appendEvents(events, serializer);
    }
}
