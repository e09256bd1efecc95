package cn.fengtai.pool.events.wiring;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import cn.fengtai.pool.events.audit.EventChain;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JDBC storage engine, with every append serialised by a row lock held until its transaction commits. Without
 * it, two transactions can take global positions 10 and 11 and commit 11 first: a reader that saw 11 and then resumes
 * "after 11" never sees 10. Axon guards against this with a gap timeout, and skips the event when the commit is later
 * than that (AxonFramework issue 4829). With the lock, positions are taken and committed in the same order; the cost
 * is that appends of different aggregates wait for each other for the few milliseconds between append and commit.
 * The same serial order lets each append extend the tamper-evident hash chains ({@link EventChain}) in its own
 * transaction.
 */
public class SerialAppendEngine extends JdbcEventStorageEngine {

    static final String LOCK = "UPDATE event_append_lock SET appends = appends + 1 WHERE id = 1";

    /**
     * Where positions start and how many gaps a token keeps (Axon's defaults), given to the builder here so that the
     * engine and {@link #getTrackedEventData} cannot disagree about them.
     */
    private static final long LOWEST_GLOBAL_SEQUENCE = 1;
    private static final int MAX_GAP_OFFSET = 10_000;

    private final JdbcTemplate jdbc;
    private final int gapTimeoutMillis;
    private final AppendLockTimes lockTimes = new AppendLockTimes();

    SerialAppendEngine(Builder builder, JdbcTemplate jdbc, int gapTimeoutMillis) {
        super(builder.gapTimeout(gapTimeoutMillis).lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .maxGapOffset(MAX_GAP_OFFSET));
        this.jdbc = jdbc;
        this.gapTimeoutMillis = gapTimeoutMillis;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        long asked = System.nanoTime();
        jdbc.update(LOCK);
        long locked = System.nanoTime();
        lockTimes.waited(locked - asked);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    lockTimes.held(System.nanoTime() - locked);
                }
            });
        }
        super.appendEvents(events, serializer);
        chain();
    }

    /**
     * Extends the hash chains over every event above the last chained one: under the lock those are exactly the
     * events this transaction just appended (or, once, events stored before the chain existed). Four statements
     * whatever the number of events (the chain's end, the new rows, the hashes they follow, one batch of inserts):
     * they run while every other append waits for the lock.
     */
    private void chain() {
        List<Object[]> end = jdbc.query("SELECT global_index, global_hash FROM event_chain "
                + "ORDER BY global_index DESC LIMIT 1", (rs, i) -> new Object[]{rs.getLong(1), rs.getString(2)});
        long last = end.isEmpty() ? -1L : (Long) end.get(0)[0];
        String global = end.isEmpty() ? EventChain.GENESIS : (String) end.get(0)[1];
        List<EventChain.Row> rows = jdbc.query(ROWS + " WHERE global_index > ? ORDER BY global_index", ROW, last);
        if (rows.isEmpty()) return;
        Map<String, String> aggregateHashes = hashesBefore(rows);
        List<Object[]> links = new ArrayList<>(rows.size());
        for (EventChain.Row row : rows) {
            String canonical = EventChain.canonical(row);
            String previous = row.sequence() == 0 ? EventChain.GENESIS
                    : aggregateHashes.get(link(row.aggregateId(), row.sequence() - 1));
            if (previous == null) {
                throw new IllegalStateException("event " + row.sequence() + " of " + row.aggregateId()
                        + " follows an event that is not in the chain");
            }
            String aggregateHash = EventChain.link(previous, canonical);
            aggregateHashes.put(link(row.aggregateId(), row.sequence()), aggregateHash);
            global = EventChain.link(global, canonical);
            links.add(new Object[]{row.position(), row.aggregateId(), row.sequence(), aggregateHash, global});
        }
        jdbc.batchUpdate("INSERT INTO event_chain (global_index, aggregate_identifier, sequence_number, aggregate_hash, "
                + "global_hash) VALUES (?, ?, ?, ?, ?)", links);
    }

    /** The chained hashes of the events the given rows follow in their aggregates, where those are chained already. */
    private Map<String, String> hashesBefore(List<EventChain.Row> rows) {
        Map<String, String> hashes = new HashMap<>();
        inChunks(rows.stream().filter(row -> row.sequence() > 0).toList(), chunk -> {
            List<Object> arguments = new ArrayList<>();
            chunk.forEach(row -> {
                arguments.add(row.aggregateId());
                arguments.add(row.sequence() - 1);
            });
            jdbc.query("SELECT aggregate_identifier, sequence_number, aggregate_hash FROM event_chain WHERE "
                            + "(aggregate_identifier, sequence_number) IN (" + placeholders(chunk.size(), "(?, ?)") + ")",
                    rs -> {
                        hashes.put(link(rs.getString(1), rs.getLong(2)), rs.getString(3));
                    }, arguments.toArray());
        });
        return hashes;
    }

    private static String link(String aggregateId, long sequence) {
        return sequence + ":" + aggregateId;
    }

    /**
     * The events of the given aggregates stored at or below a global position, each aggregate's in sequence order:
     * one query per few hundred aggregates instead of one per aggregate (the as-of statistics need the state of every
     * project an instant's events touch).
     */
    public Map<String, List<DomainEventMessage<?>>> eventsOf(Collection<String> aggregateIds, long upToPosition) {
        Map<String, List<DomainEventMessage<?>>> events = new HashMap<>();
        inChunks(List.copyOf(aggregateIds), chunk -> {
            String sql = "SELECT " + schema().domainEventFields() + " FROM " + schema().domainEventTable() + " WHERE "
                    + schema().aggregateIdentifierColumn() + " IN (" + placeholders(chunk.size(), "?") + ") AND "
                    + schema().globalIndexColumn() + " <= ? ORDER BY " + schema().aggregateIdentifierColumn() + ", "
                    + schema().sequenceNumberColumn();
            List<Object> arguments = new ArrayList<>(chunk);
            arguments.add(upToPosition);
            List<DomainEventData<?>> rows = jdbc.query(sql, (rs, i) -> getDomainEventData(rs), arguments.toArray());
            EventStreamUtils.upcastAndDeserializeDomainEvents(rows.stream(), getEventSerializer(), upcasterChain)
                    .asStream().forEach(event -> events.computeIfAbsent(event.getAggregateIdentifier(), id -> new ArrayList<>()).add(event));
        });
        return events;
    }

    /** Queries with a list of values go a few hundred values at a time: databases bound the parameters of a statement. */
    private static <T> void inChunks(List<T> values, Consumer<List<T>> query) {
        for (int from = 0; from < values.size(); from += 500) {
            query.accept(values.subList(from, Math.min(values.size(), from + 500)));
        }
    }

    private static String placeholders(int count, String placeholder) {
        return String.join(",", Collections.nCopies(count, placeholder));
    }

    /**
     * Axon's reading of a tracked event, token included, with the time stamp parsed once ({@link StoredTimestamp}).
     * The serial appends leave no gaps behind the newest event, but a token still records the positions an append
     * took and rolled back, as Axon's does: events younger than the gap timeout may leave gaps.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        long position = resultSet.getLong(schema().globalIndexColumn());
        DomainEventData<?> event = entry(resultSet, true);
        boolean allowGaps = event.getTimestamp().isAfter(GenericEventMessage.clock.instant().minusMillis(gapTimeoutMillis));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(position, allowGaps
                    ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, position), position).boxed()
                    .collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(position, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, event);
    }

    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
        return entry(resultSet, false);
    }

    /** An event row as Axon reads it; an event without an aggregate stores its own identifier in that column. */
    private StoredTimestamp.Entry<?> entry(ResultSet resultSet, boolean tracked) throws SQLException {
        String aggregateId = resultSet.getString(schema().aggregateIdentifierColumn());
        String eventId = resultSet.getString(schema().eventIdentifierColumn());
        return new StoredTimestamp.Entry<>(resultSet.getString(schema().typeColumn()),
                tracked && eventId.equals(aggregateId) ? null : aggregateId,
                resultSet.getLong(schema().sequenceNumberColumn()), eventId,
                String.valueOf(readTimeStamp(resultSet, schema().timestampColumn())),
                resultSet.getString(schema().payloadTypeColumn()), resultSet.getString(schema().payloadRevisionColumn()),
                readPayload(resultSet, schema().payloadColumn()), readPayload(resultSet, schema().metaDataColumn()));
    }

    /** How long appends waited for the lock and held it (until their transaction ended), since the start. */
    public AppendLockTimes lockTimes() {
        return lockTimes;
    }

    /** The stored columns an event's hash covers. */
    public static final String ROWS = "SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, "
            + "payload_type, payload_revision, time_stamp, payload, meta_data FROM domain_event_entry";

    public static final RowMapper<EventChain.Row> ROW = (rs, i) -> new EventChain.Row(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getBytes(9), rs.getBytes(10));
}
