package cn.fengtai.pool.wiring;

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
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JDBC storage engine, with every append serialised by a row lock held until its transaction commits. Without
 * it, two transactions can take global positions 10 and 11 and commit 11 first: a reader that saw 11 and then resumes
 * "after 11" never sees 10. Axon guards against this with a gap timeout, and skips the event when the commit is later
 * than that (AxonFramework issue 4829). With the lock, positions are taken and committed in the same order, and each
 * append extends the tamper-evident hash chains ({@link EventChain}) in its own transaction.
 *
 * <p>One commit at a time would cap appends at one request per commit, so a request's events wait for its commit and
 * are then written by a group commit ({@link GroupCommit}): one thread, with connections of its own, writes the events
 * of every request committing at the same time in one transaction under the lock, and each request commits once its
 * events have. Commands later in the same request read its pending events as stored ({@link PendingAppends}).
 */
public class SerialAppendEngine extends JdbcEventStorageEngine implements AutoCloseable {

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
    private final DataSource appenderDataSource;
    private final JdbcTemplate appenderJdbc;
    private final TransactionTemplate appenderTransaction;
    private final GroupCommit<PendingAppends> group;
    private final boolean stock;

    /**
     * @param appenderDataSource connections of the group commit's own (a request holds its pooled connection while it
     *                           waits for the group commit, so the appender must not need one from the same pool), or
     *                           null to append in each request's own transaction
     */
    SerialAppendEngine(Builder builder, JdbcTemplate jdbc, int gapTimeoutMillis, DataSource appenderDataSource) {
        this(builder, jdbc, gapTimeoutMillis, appenderDataSource, false);
    }

    /** @param stock append as Axon's engine does (no lock, no group commit, no chain): the benchmark's peer only */
    SerialAppendEngine(Builder builder, JdbcTemplate jdbc, int gapTimeoutMillis, DataSource appenderDataSource,
                       boolean stock) {
        super(builder.gapTimeout(gapTimeoutMillis).lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .maxGapOffset(MAX_GAP_OFFSET));
        this.jdbc = jdbc;
        this.gapTimeoutMillis = gapTimeoutMillis;
        this.appenderDataSource = appenderDataSource;
        this.appenderJdbc = appenderDataSource == null ? null : new JdbcTemplate(appenderDataSource);
        this.appenderTransaction = appenderDataSource == null ? null
                : new TransactionTemplate(new DataSourceTransactionManager(appenderDataSource));
        this.group = appenderDataSource == null || stock ? null : new GroupCommit<>("event-appender", MAX_GROUP, this::write,
                StoreFailures::unreachable);
        this.stock = stock;
    }

    /**
     * A transaction's events wait for its commit and are then written by the group commit together with those of the
     * transactions committing at the same time; outside a transaction, or where the transaction keeps its appends
     * ({@link #appendInThisTransaction}), they are written at once, in the caller's transaction, under the lock.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        if (stock) {
            super.appendEvents(events, serializer);
            return;
        }
        if (group != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            if (TransactionSynchronizationManager.getResource(KEEP_HERE) == null) {
                PendingAppends.of(this, this::commit).events.addAll(events);
                return;
            }
            // Its earlier events would commit in the group's transaction and these in its own: not together.
            if (PendingAppends.here(this) != null) {
                throw new IllegalStateException("appendInThisTransaction() after the transaction's first append");
            }
        }
        long asked = System.nanoTime();
        jdbc.update(LOCK);
        long locked = System.nanoTime();
        lockTimes.waited(locked - asked);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            heldUntilCompletion(locked, events.size());
        } else {
            lockTimes.stored(events.size());
        }
        super.appendEvents(events, serializer);
        ChainLinks.extend(jdbc);
    }

    private static final Object KEEP_HERE = new Object();
    private static final int MAX_GROUP = 256;

    /**
     * Makes the current transaction append its events itself, under the lock, instead of through the group commit:
     * for a transaction with rows of its own that must commit with its events, such as an idempotency key claimed
     * before the commands run. Call it before the transaction's first append.
     */
    public static void appendInThisTransaction() {
        if (TransactionSynchronizationManager.getResource(KEEP_HERE) != null) return;
        TransactionSynchronizationManager.bindResource(KEEP_HERE, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(KEEP_HERE);
            }
        });
    }

    /**
     * Counts the lock as held from {@code locked} until the current transaction ends (the row lock is released then),
     * and the events as stored if it commits.
     */
    private void heldUntilCompletion(long locked, int events) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                lockTimes.held(System.nanoTime() - locked);
                if (status == STATUS_COMMITTED) lockTimes.stored(events);
            }
        });
    }

    /** At the commit of a request's transaction: its events are written, or it fails with what their write threw. */
    private void commit(PendingAppends pending) {
        pending.since = System.nanoTime();
        group.write(pending);
    }

    /** One group commit: the lock, every part's events in the order the parts came, the chains, the commit. */
    private void write(List<PendingAppends> parts) {
        appenderTransaction.executeWithoutResult(status -> {
            appenderJdbc.update(LOCK);
            long locked = System.nanoTime();
            parts.forEach(part -> lockTimes.waited(locked - part.since));
            List<EventMessage<?>> events = new ArrayList<>();
            parts.forEach(part -> events.addAll(part.events));
            heldUntilCompletion(locked, events.size());
            // One batch for the whole group; if it fails, the group commit writes each part alone, and the failing
            // part's caller gets Axon's reading of the failure (a conflict, an aggregate that exists already).
            appenderJdbc.execute((ConnectionCallback<Void>) connection -> {
                try (PreparedStatement insert = appendEvents(connection, events, getEventSerializer())) {
                    insert.executeBatch();
                } catch (SQLException e) {
                    handlePersistenceException(e, events.get(0));
                }
                return null;
            });
            ChainLinks.extend(appenderJdbc);
        });
    }

    /** Stored events, then those the current transaction has appended and not yet committed. */
    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        DomainEventStream stored = super.readEvents(aggregateIdentifier, firstSequenceNumber);
        PendingAppends pending = PendingAppends.here(this);
        List<DomainEventMessage<?>> mine = pending == null ? List.of() : pending.of(aggregateIdentifier, firstSequenceNumber);
        return mine.isEmpty() ? stored : DomainEventStream.concat(stored, DomainEventStream.of(mine));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Optional<Long> stored = super.lastSequenceNumberFor(aggregateIdentifier);
        PendingAppends pending = PendingAppends.here(this);
        List<DomainEventMessage<?>> mine = pending == null ? List.of() : pending.of(aggregateIdentifier, 0);
        return mine.isEmpty() ? stored : Optional.of(mine.get(mine.size() - 1).getSequenceNumber());
    }

    /** Writes what is waiting, then stops the group commit and closes its connections. */
    @Override
    public void close() throws Exception {
        if (group != null) group.close();
        if (appenderDataSource instanceof AutoCloseable closeable) closeable.close();
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
    static <T> void inChunks(List<T> values, Consumer<List<T>> query) {
        for (int from = 0; from < values.size(); from += 500) {
            query.accept(values.subList(from, Math.min(values.size(), from + 500)));
        }
    }

    static String placeholders(int count, String placeholder) {
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

    /** Whether a request's events are written by the group commit (else in the request's own transaction). */
    public boolean groupsCommits() {
        return group != null;
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
