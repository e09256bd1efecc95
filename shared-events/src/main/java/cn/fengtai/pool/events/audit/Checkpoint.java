package cn.fengtai.pool.events.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A signed checkpoint: the global hash at a position, signed with the district's Ed25519 key. */
public record Checkpoint(long position, String globalHash, long events, Instant signedAt, String publicKey,
                         String signature) {

    /** Selects checkpoints in the column order {@link #of} reads; append a WHERE or ORDER BY. */
    public static final String SELECT = "SELECT position, global_hash, events, signed_at, public_key, signature FROM audit_checkpoint";

    public static Checkpoint of(ResultSet row) throws SQLException {
        return new Checkpoint(row.getLong(1), row.getString(2).strip(), row.getLong(3), row.getTimestamp(4).toInstant(),
                row.getString(5), row.getString(6));
    }
}
