package cn.fengtai.pool.query.audit;

import cn.fengtai.pool.events.audit.Checkpoint;
import cn.fengtai.pool.events.audit.EventChain;
import cn.fengtai.pool.events.audit.Signatures;
import cn.fengtai.pool.wiring.SerialAppendEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the hash chains from the stored events, exactly as the append transaction computed them, and compares
 * them with what was stored and what the checkpoints signed. It reads the event table itself, not a read model.
 */
@Component
public class AuditTrail {

    /** {@code position} is the first broken position when not valid. */
    public record Verdict(boolean valid, long events, long head, int checkpoints, Long position, String reason) {
    }

    public record ExportedEvent(long position, String canonical, String aggregateHash, String globalHash) {
    }

    /** The columns a hash covers ({@link SerialAppendEngine#ROW}), then the hashes stored for them. */
    private static final String WITH_HASHES = "SELECT e.global_index, e.event_identifier, e.aggregate_identifier, "
            + "e.sequence_number, e.type, e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data, "
            + "c.aggregate_hash, c.global_hash FROM domain_event_entry e LEFT JOIN event_chain c ON c.global_index = e.global_index";

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Checkpoint> checkpoints() {
        return jdbc.query(Checkpoint.SELECT + " ORDER BY position", (rs, i) -> Checkpoint.of(rs));
    }

    public Verdict verify() {
        Map<Long, Checkpoint> checkpoints = new LinkedHashMap<>();
        checkpoints().forEach(c -> checkpoints.put(c.position(), c));
        int sealedCount = checkpoints.size();
        Map<String, String> lastOfAggregate = new HashMap<>();
        String[] global = {EventChain.GENESIS};
        long[] counts = {0, -1};
        Verdict[] broken = {null};
        jdbc.query(WITH_HASHES + " ORDER BY e.global_index", rs -> {
                    if (broken[0] != null) return;
                    EventChain.Row row = SerialAppendEngine.ROW.mapRow(rs, 0);
                    String storedAggregate = rs.getString(11);
                    String storedGlobal = rs.getString(12);
                    String canonical;
                    try {
                        canonical = EventChain.canonical(row);
                    } catch (RuntimeException e) {
                        broken[0] = invalid(sealedCount, counts[0], counts[1], row.position(), "the stored event is not valid JSON");
                        return;
                    }
                    String aggregate = EventChain.link(lastOfAggregate.getOrDefault(row.aggregateId(), EventChain.GENESIS), canonical);
                    global[0] = EventChain.link(global[0], canonical);
                    if (storedGlobal == null) {
                        broken[0] = invalid(sealedCount, counts[0], counts[1], row.position(), "the event has no hash: it was inserted outside the event store");
                    } else if (!aggregate.equals(storedAggregate.strip()) || !global[0].equals(storedGlobal.strip())) {
                        broken[0] = invalid(sealedCount, counts[0], counts[1], row.position(), "the event or an event before it was changed or removed");
                    } else {
                        Checkpoint checkpoint = checkpoints.remove(row.position());
                        if (checkpoint != null && !sealed(checkpoint, global[0])) {
                            broken[0] = invalid(sealedCount, counts[0], counts[1], row.position(), "the signed checkpoint does not match");
                        }
                    }
                    lastOfAggregate.put(row.aggregateId(), aggregate);
                    counts[0]++;
                    counts[1] = row.position();
                });
        if (broken[0] != null) return broken[0];
        Long orphan = jdbc.queryForObject("SELECT MIN(c.global_index) FROM event_chain c WHERE NOT EXISTS "
                + "(SELECT 1 FROM domain_event_entry e WHERE e.global_index = c.global_index)", Long.class);
        if (orphan != null) return invalid(sealedCount, counts[0], counts[1], orphan, "a hashed event was removed");
        if (!checkpoints.isEmpty()) {
            long position = checkpoints.keySet().iterator().next();
            return invalid(sealedCount, counts[0], counts[1], position, "a signed checkpoint's event was removed");
        }
        return new Verdict(true, counts[0], counts[1], sealedCount, null, null);
    }

    /** Every event up to a position, in canonical form with its stored hashes: what the offline verifier checks. */
    public List<ExportedEvent> export(long upTo) {
        return export(-1, upTo);
    }

    /** The events from one position to another (both included), as {@link #export(long)}. */
    public List<ExportedEvent> export(long from, long upTo) {
        List<ExportedEvent> events = new ArrayList<>();
        jdbc.query(WITH_HASHES + " WHERE e.global_index >= ? AND e.global_index <= ? ORDER BY e.global_index", rs -> {
                    EventChain.Row row = SerialAppendEngine.ROW.mapRow(rs, 0);
                    events.add(new ExportedEvent(row.position(), EventChain.canonical(row), strip(rs.getString(11)), strip(rs.getString(12))));
                }, from, upTo);
        return events;
    }

    /** The global hash the chain had just before {@code position}: where a proof's recomputation starts. */
    public String globalHashBefore(long position) {
        List<String> hashes = jdbc.queryForList("SELECT global_hash FROM event_chain WHERE global_index < ? "
                + "ORDER BY global_index DESC LIMIT 1", String.class, position);
        return hashes.isEmpty() ? EventChain.GENESIS : hashes.get(0).strip();
    }

    public boolean exists(long position) {
        return !jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE global_index = ?", Long.class, position).isEmpty();
    }

    private static boolean sealed(Checkpoint checkpoint, String recomputed) {
        try {
            return checkpoint.globalHash().equals(recomputed) && Signatures.verify(Signatures.publicKey(checkpoint.publicKey()),
                    EventChain.checkpointMessage(checkpoint.position(), checkpoint.globalHash()), checkpoint.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Verdict invalid(int checkpoints, long events, long head, long position, String reason) {
        return new Verdict(false, events, head, checkpoints, position, reason);
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
