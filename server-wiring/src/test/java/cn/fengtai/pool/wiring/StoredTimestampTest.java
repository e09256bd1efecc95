package cn.fengtai.pool.wiring;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredTimestampTest {

    @Test
    void readsWhatAxonWritesAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(20261130);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamp.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
            String wholeSecond = Instant.ofEpochSecond(instant.getEpochSecond()).toString();
            assertThat(StoredTimestamp.parse(wholeSecond)).as(wholeSecond).isEqualTo(Instant.parse(wholeSecond));
        }
        for (String edge : new String[]{"2024-02-29T23:59:59.999Z", "2000-01-01T00:00:00.000Z", "1999-12-31T23:59:59.001Z"}) {
            assertThat(StoredTimestamp.parse(edge)).isEqualTo(Instant.parse(edge));
        }
    }

    @Test
    void leavesOtherShapesToAxonsParser() {
        assertThat(StoredTimestamp.parse("2026-11-30T12:33:05.123+08:00")).isEqualTo(Instant.parse("2026-11-30T04:33:05.123Z"));
        assertThat(StoredTimestamp.parse("2026-11-30T04:33:05.123456Z")).isEqualTo(Instant.parse("2026-11-30T04:33:05.123456Z"));
        assertThat(StoredTimestamp.parse("2026-11-30T04:33:05Z")).isEqualTo(Instant.parse("2026-11-30T04:33:05Z"));
        assertThatThrownBy(() -> StoredTimestamp.parse("2026-02-30T04:33:05.123Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamp.parse("2026-11-30T24:33:05.123Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamp.parse("2026-11-30T04:33:05.1a3Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamp.parse("2026-11-30T04:33:0aZ")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamp.parse("2026-11-30T04:33:05+0")).isInstanceOf(DateTimeParseException.class);
    }
}
