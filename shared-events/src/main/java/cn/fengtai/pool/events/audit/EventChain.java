package cn.fengtai.pool.events.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hashes that make the history tamper-evident. Each stored event is put in canonical form (its position, identity,
 * aggregate, sequence, type, revision, recorded time, payload and metadata, exactly as stored), and hashed twice:
 * chained to the previous event of the same aggregate, and chained to the previous event in global order. Changing,
 * removing or reordering any stored event changes every later global hash, which signed checkpoints pin down.
 */
public final class EventChain {

    /** The hash before the first event of a chain. */
    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventChain() {
    }

    /** One stored event row, as the store holds it. */
    public record Row(long position, String eventId, String aggregateId, long sequence, String aggregateType,
                      String payloadType, String payloadRevision, String timestamp, byte[] payload, byte[] metaData) {
    }

    public static String canonical(Row row) {
        try {
            ObjectNode node = JSON.createObjectNode();
            node.put("position", row.position());
            node.put("eventId", row.eventId());
            node.put("aggregateId", row.aggregateId());
            node.put("sequence", row.sequence());
            node.put("aggregateType", row.aggregateType());
            node.put("payloadType", row.payloadType());
            node.put("payloadRevision", row.payloadRevision());
            node.put("timestamp", row.timestamp());
            node.set("payload", JSON.readTree(row.payload()));
            node.set("metaData", row.metaData() == null ? null : JSON.readTree(row.metaData()));
            return Canonical.of(node);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored event is not JSON at position " + row.position(), e);
        }
    }

    /** SHA-256 over the previous hash (hex) and the canonical form, as lowercase hex. */
    public static String link(String previousHash, String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a checkpoint signs: the global hash at a position. */
    public static byte[] checkpointMessage(long position, String globalHash) {
        return ("project-pool checkpoint " + position + " " + globalHash).getBytes(StandardCharsets.US_ASCII);
    }
}
