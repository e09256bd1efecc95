package cn.fengtai.pool.query.appeal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The case's measure of a project: its appeals after completion against the same months a year earlier. */
class ProjectImpactTest {

    /** Spreads a total over the months from {@code first} on, as a hotline's monthly counts. */
    static void spread(Map<String, Integer> counts, String street, String type, YearMonth first, int months, int total) {
        for (int i = 0; i < months; i++) {
            int share = total / months + (i < total % months ? 1 : 0);
            counts.put(ProjectImpact.key(street, type, first.plusMonths(i)), share);
        }
    }

    @Test
    void xiluoyuanParkingFellByFortySevenPercentAndChangxindianBicyclesBySixtyOne() {
        Map<String, Integer> counts = new HashMap<>();
        spread(counts, "xiluoyuan", "PARKING", YearMonth.of(2023, 4), 6, 261);
        spread(counts, "xiluoyuan", "PARKING", YearMonth.of(2023, 10), 6, 240);
        // the six months before filing: 2023-07 to 2023-12, 43 + 43 + 43 + 40 + 40 + 40
        spread(counts, "xiluoyuan", "PARKING", YearMonth.of(2024, 4), 6, 138);
        ProjectImpact.ImpactAnswer parking = ProjectImpact.of("p1", "xiluoyuan", List.of("PARKING"), LocalDate.of(2024, 1, 5),
                LocalDate.of(2024, 3, 28), 6, counts);
        assertThat(parking.after().count()).isEqualTo(138);
        assertThat(parking.afterYearEarlier().count()).isEqualTo(261);
        assertThat(parking.change()).isEqualByComparingTo("-0.4713");
        assertThat(parking.baseline().from()).isEqualTo(YearMonth.of(2023, 7));
        assertThat(parking.baseline().count()).isEqualTo(249);
        assertThat(parking.changeVsBaseline()).isEqualByComparingTo("-0.4458");
        assertThat(parking.complete()).isTrue();
        assertThat(parking.verdict()).isEqualTo(ProjectImpact.Verdict.FELL);

        spread(counts, "changxindian", "BICYCLE_MANAGEMENT", YearMonth.of(2023, 1), 6, 165);
        spread(counts, "changxindian", "BICYCLE_MANAGEMENT", YearMonth.of(2024, 1), 6, 64);
        ProjectImpact.ImpactAnswer bicycles = ProjectImpact.of("p2", "changxindian", List.of("BICYCLE_MANAGEMENT"),
                LocalDate.of(2023, 11, 5), LocalDate.of(2023, 12, 20), 6, counts);
        assertThat(bicycles.change()).isEqualByComparingTo("-0.6121");
        assertThat(bicycles.complete()).as("no baseline recorded for 2023-05 to 2023-10").isFalse();
        assertThat(bicycles.changeVsBaseline()).isNull();
        assertThat(bicycles.verdict()).isEqualTo(ProjectImpact.Verdict.FELL);
    }

    @Test
    void aMonthNotRecordedIsNoZeroAndLeavesTheChangeOpen() {
        Map<String, Integer> counts = new HashMap<>();
        spread(counts, "fangzhuang", "PARKING", YearMonth.of(2023, 4), 6, 60);
        spread(counts, "fangzhuang", "PARKING", YearMonth.of(2024, 4), 5, 50);
        ProjectImpact.ImpactAnswer answer = ProjectImpact.of("p", "fangzhuang", List.of("PARKING"), LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 3, 1), 6, counts);
        assertThat(answer.after().recordedMonths()).isEqualTo(5);
        assertThat(answer.change()).isNull();
        assertThat(answer.verdict()).isEqualTo(ProjectImpact.Verdict.NOT_YET_MEASURABLE);
    }

    @Test
    void everyIssueTypeOfTheProjectCountsAndEachMustBeRecorded() {
        Map<String, Integer> counts = new HashMap<>();
        spread(counts, "youanmen", "PARKING", YearMonth.of(2023, 4), 3, 30);
        spread(counts, "youanmen", "NOISE", YearMonth.of(2023, 4), 3, 30);
        spread(counts, "youanmen", "PARKING", YearMonth.of(2024, 4), 3, 40);
        spread(counts, "youanmen", "NOISE", YearMonth.of(2024, 4), 3, 35);
        ProjectImpact.ImpactAnswer answer = ProjectImpact.of("p", "youanmen", List.of("PARKING", "NOISE"),
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 1), 3, counts);
        assertThat(answer.after().count()).isEqualTo(75);
        assertThat(answer.change()).isEqualByComparingTo(new BigDecimal("0.25"));
        assertThat(answer.verdict()).isEqualTo(ProjectImpact.Verdict.ROSE);

        counts.remove(ProjectImpact.key("youanmen", "NOISE", YearMonth.of(2024, 5)));
        assertThat(ProjectImpact.of("p", "youanmen", List.of("PARKING", "NOISE"), LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 3, 1), 3, counts).change()).isNull();
    }

    @Test
    void aProjectNotYetCompletedHasOnlyItsBaseline() {
        Map<String, Integer> counts = new HashMap<>();
        spread(counts, "lugouqiao", "PARKING", YearMonth.of(2023, 7), 6, 12);
        ProjectImpact.ImpactAnswer answer = ProjectImpact.of("p", "lugouqiao", List.of("PARKING"), LocalDate.of(2024, 1, 15),
                null, 6, counts);
        assertThat(answer.baseline().count()).isEqualTo(12);
        assertThat(answer.after()).isNull();
        assertThat(answer.change()).isNull();
        assertThat(answer.verdict()).isEqualTo(ProjectImpact.Verdict.NOT_YET_MEASURABLE);
        assertThat(ProjectImpact.keys("lugouqiao", List.of("PARKING"), LocalDate.of(2024, 1, 15), null, 6)).hasSize(6);
    }
}
