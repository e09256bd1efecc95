package cn.fengtai.pool.query.project;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Copies of the pool's {@link Counters}, taken by the projects projection every few thousand events, so that
 * the figures at a past instant start from the last copy before it instead of the first event ({@link PastPool}).
 * <p>
 * An event's recorded time is taken when its command runs and its position when it is appended, so times follow
 * positions closely but not exactly. Each copy therefore keeps two times: {@code maxTimestamp}, the latest time of all
 * project events it counts (an instant at or after it includes every one of them), and {@code minTimestamp}, the
 * earliest time of the project events since the copy before (an instant before it includes none of those).
 * The counters are stored compressed: they hold a figure per batch, street and category. Past a maximum number of
 * copies the older half is thinned ({@link #thin}), so the collection stays bounded while recent instants keep their
 * close copies.
 */
public final class StatisticsCheckpoints {

    public static final String COLLECTION = "statistics_checkpoints";

    /** A copy's position and times, without its counters. */
    public record Checkpoint(long position, Instant maxTimestamp, Instant minTimestamp) {
    }

    private StatisticsCheckpoints() {
    }

    /** A copy of the counters as they are now, after the event at {@code position}; see {@link #write}. */
    public static Document copy(Counters counters, long position, Instant maxTimestamp, Instant minTimestamp) {
        return new Document("_id", position).append("position", position)
                .append("maxTimestamp", Date.from(maxTimestamp)).append("minTimestamp", Date.from(minTimestamp))
                .append("counters", new Binary(gzip(counters.toJson())));
    }

    /** Keeps a copy made by {@link #copy}; the same copy written twice is kept once. */
    public static void write(MongoTemplate mongo, String suffix, Document copy) {
        mongo.getCollection(COLLECTION + suffix).replaceOne(Filters.eq("_id", copy.get("_id")), copy,
                new ReplaceOptions().upsert(true));
    }

    /**
     * Keeps at most {@code max} copies: while there are more, every second copy of the older half goes. The copy after
     * a removed one takes over its {@code minTimestamp} (the earliest time since the copy before it, which is now the
     * one before the removed copy), so an answer at any instant starts from a copy that is still right for it.
     */
    public static void thin(MongoTemplate mongo, String suffix, int max) {
        List<Checkpoint> copies = list(mongo, suffix);
        while (copies.size() > max) {
            List<Checkpoint> kept = new ArrayList<>();
            int older = copies.size() / 2;
            Instant carried = null;
            for (int i = 0; i < copies.size(); i++) {
                Checkpoint copy = copies.get(i);
                if (i < older && i % 2 == 0) {
                    mongo.getCollection(COLLECTION + suffix).deleteOne(Filters.eq("_id", copy.position()));
                    carried = carried == null || copy.minTimestamp().isBefore(carried) ? copy.minTimestamp() : carried;
                    continue;
                }
                if (carried != null && carried.isBefore(copy.minTimestamp())) {
                    mongo.getCollection(COLLECTION + suffix).updateOne(Filters.eq("_id", copy.position()),
                            new Document("$set", new Document("minTimestamp", Date.from(carried))));
                    copy = new Checkpoint(copy.position(), copy.maxTimestamp(), carried);
                }
                carried = null;
                kept.add(copy);
            }
            copies = kept;
        }
    }

    /** Every copy of this generation, oldest first. */
    public static List<Checkpoint> list(MongoTemplate mongo, String suffix) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        mongo.getCollection(COLLECTION + suffix).find().projection(Projections.exclude("counters"))
                .sort(Sorts.ascending("position"))
                .forEach(d -> checkpoints.add(new Checkpoint(d.get("position", Number.class).longValue(),
                        d.getDate("maxTimestamp").toInstant(), d.getDate("minTimestamp").toInstant())));
        return checkpoints;
    }

    public static Counters counters(MongoTemplate mongo, String suffix, long position) {
        Document copy = mongo.getCollection(COLLECTION + suffix).find(Filters.eq("_id", position)).first();
        if (copy == null) throw new IllegalStateException("no statistics checkpoint at position " + position);
        return Counters.fromJson(gunzip(copy.get("counters", Binary.class).getData()));
    }

    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] gunzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
