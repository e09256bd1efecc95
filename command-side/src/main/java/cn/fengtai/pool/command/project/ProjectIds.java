package cn.fengtai.pool.command.project;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * A new project's id: a version 7 UUID (RFC 9562), the filing's millisecond first and 74 random bits after it. Ids in
 * filing order keep the projects being worked on (those filed in the last months) together at the end of every index
 * keyed by id: the read model's documents, its {@code _id} index and the event store's aggregate index, where random
 * ids would spread every batch's writes over the whole store. The time in the id is
 * the filing's, which every project's history shows anyway; the random bits keep ids unguessable.
 */
public final class ProjectIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ProjectIds() {
    }

    public static String next() {
        return filedAt(Instant.now());
    }

    /** The id of a project filed at {@code instant}: ids of projects filed later sort after it, as strings too. */
    public static String filedAt(Instant instant) {
        long millis = instant.toEpochMilli();
        if (millis < 0 || millis >>> 48 != 0) throw new IllegalArgumentException("no version 7 UUID for " + instant);
        long high = RANDOM.nextLong();
        long low = RANDOM.nextLong();
        long mostSignificant = millis << 16 | 0x7000L | (high & 0x0FFFL);
        long leastSignificant = low & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
