package cn.fengtai.pool.command.project;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectIdsTest {

    @Test
    void idsAreVersionSevenUuidsCarryingTheFilingMillisecond() {
        Instant filed = Instant.parse("2026-11-30T10:15:30.123Z");
        UUID id = UUID.fromString(ProjectIds.filedAt(filed));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(filed.toEpochMilli());
    }

    @Test
    void projectsFiledLaterSortAfterAsStrings() {
        Instant earlier = Instant.parse("2012-01-01T00:00:00Z");
        for (int i = 0; i < 1000; i++) {
            String first = ProjectIds.filedAt(earlier.plusMillis(i));
            String second = ProjectIds.filedAt(earlier.plusMillis(i + 1));
            assertThat(first).isLessThan(second);
        }
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Instant now = Instant.now();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) ids.add(ProjectIds.filedAt(now));
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void instantsOutsideTheFormatAreRefused() {
        assertThatThrownBy(() -> ProjectIds.filedAt(Instant.parse("1969-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
