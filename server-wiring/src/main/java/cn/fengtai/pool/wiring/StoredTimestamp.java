package cn.fengtai.pool.wiring;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The time stamps of stored events, read once per event. Axon keeps the stored text and parses it with java.time's
 * general-purpose parser on every {@code getTimestamp()}, twice per event for each processor (its token, then its
 * message), even for the events a processor passes over. Axon writes one shape, {@code 2026-11-30T04:33:05.123Z}; that shape, and the same without
 * the milliseconds (as {@code Instant.toString()} writes a whole second), is read field by field, anything else (a row
 * written by another tool, with an offset, say) by Axon's parser as before.
 */
final class StoredTimestamp {

    private StoredTimestamp() {
    }

    static Instant parse(String text) {
        if (!axonShape(text)) {
            return DateTimeUtils.parseInstant(text);
        }
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) {
            return DateTimeUtils.parseInstant(text);
        }
        long day;
        try {
            day = LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10)).toEpochDay();
        } catch (DateTimeException notADate) {
            return DateTimeUtils.parseInstant(text);
        }
        long millis = text.length() == 24 ? number(text, 20, 23) : 0;
        return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ} or {@code yyyy-MM-ddTHH:mm:ssZ}, digits where digits go. */
    private static boolean axonShape(String text) {
        int length = text.length();
        if (length != 24 && length != 20) return false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean ok = i == length - 1 ? c == 'Z' : switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) return false;
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) value = value * 10 + (text.charAt(i) - '0');
        return value;
    }

    /** A stored event whose time stamp was parsed when it was read. */
    static final class Entry<T> extends GenericDomainEventEntry<T> {

        private final Instant timestamp;

        Entry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier, String timestamp,
              String payloadType, String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                    payload, metaData);
            this.timestamp = parse(timestamp);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
