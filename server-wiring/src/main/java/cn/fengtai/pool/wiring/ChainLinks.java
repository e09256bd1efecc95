package cn.fengtai.pool.wiring;

import cn.fengtai.pool.events.audit.EventChain;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hash chains' new links ({@link EventChain}), written in the transaction that appends the events, under the
 * append lock ({@link SerialAppendEngine}).
 */
final class ChainLinks {

    private ChainLinks() {
    }

    /**
     * Extends the hash chains over every event above the last chained one: under the lock those are exactly the
     * events this transaction just appended (or, once, events stored before the chain existed). Five statements
     * whatever the number of events (the chain's end, the store's, the new rows, the hashes they follow, one batch of
     * inserts): they run while every other append waits for the lock.
     */
    static void extend(JdbcTemplate jdbc) {
        List<Object[]> end = jdbc.query("SELECT global_index, global_hash FROM event_chain "
                + "ORDER BY global_index DESC LIMIT 1", (rs, i) -> new Object[]{rs.getLong(1), rs.getString(2)});
        long last = end.isEmpty() ? -1L : (Long) end.get(0)[0];
        String global = end.isEmpty() ? EventChain.GENESIS : (String) end.get(0)[1];
        // Bounded on both sides: PostgreSQL reads a range open at the top from a table it has no statistics for (a new
        // store, until autovacuum analyzes it) with a scan of the whole table, here under the lock; a closed range it
        // reads by index.
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        if (head == null || head <= last) return;
        List<EventChain.Row> rows = jdbc.query(SerialAppendEngine.ROWS + " WHERE global_index > ? AND global_index <= ? "
                + "ORDER BY global_index", SerialAppendEngine.ROW, last, head);
        if (rows.isEmpty()) return;
        Map<String, String> aggregateHashes = hashesBefore(jdbc, rows);
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
    private static Map<String, String> hashesBefore(JdbcTemplate jdbc, List<EventChain.Row> rows) {
        Map<String, String> hashes = new HashMap<>();
        SerialAppendEngine.inChunks(rows.stream().filter(row -> row.sequence() > 0).toList(), chunk -> {
            List<Object> arguments = new ArrayList<>();
            chunk.forEach(row -> {
                arguments.add(row.aggregateId());
                arguments.add(row.sequence() - 1);
            });
            jdbc.query("SELECT aggregate_identifier, sequence_number, aggregate_hash FROM event_chain WHERE "
                            + "(aggregate_identifier, sequence_number) IN ("
                            + SerialAppendEngine.placeholders(chunk.size(), "(?, ?)") + ")",
                    rs -> {
                        hashes.put(link(rs.getString(1), rs.getLong(2)), rs.getString(3));
                    }, arguments.toArray());
        });
        return hashes;
    }

    private static String link(String aggregateId, long sequence) {
        return sequence + ":" + aggregateId;
    }
}
