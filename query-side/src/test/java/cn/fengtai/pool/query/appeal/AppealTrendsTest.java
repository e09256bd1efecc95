package cn.fengtai.pool.query.appeal;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppealTrendsTest {

    @Test
    void periodsOfEveryKind() {
        assertThat(Period.parse("2024").monthCodes()).hasSize(12).startsWith("2024-01").endsWith("2024-12");
        assertThat(Period.parse("2024-H2").monthCodes()).containsExactly("2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12");
        assertThat(Period.parse("2024-Q2").monthCodes()).containsExactly("2024-04", "2024-05", "2024-06");
        assertThat(Period.parse("2024-03").monthCodes()).containsExactly("2024-03");
        assertThat(Period.parse("2024-H1").yearBefore().label()).isEqualTo("2023-H1");
        assertThat(Period.parse("2024-H1").yearBefore().first()).isEqualTo(YearMonth.of(2023, 1));
    }

    @Test
    void malformedPeriodsAreRefused() {
        for (String bad : new String[]{null, "", "24", "2024-H3", "2024-Q5", "2024-13", "2024-00", "2024-1", "x2024"}) {
            assertThatThrownBy(() -> Period.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theCaseFiguresComeOutAsPublished() {
        List<AppealTrends.Volume> volumes = new ArrayList<>();
        int[] parking2023 = {40, 45, 50, 41, 43, 42};
        int[] parking2024 = {25, 22, 24, 23, 22, 22};
        int[] bikes2023 = {30, 25, 28, 27, 30, 25};
        int[] bikes2024 = {12, 10, 11, 10, 11, 10};
        for (int m = 0; m < 6; m++) {
            String month = "%02d".formatted(m + 1);
            volumes.add(new AppealTrends.Volume("xiluoyuan", "PARKING", "2023-" + month, parking2023[m]));
            volumes.add(new AppealTrends.Volume("xiluoyuan", "PARKING", "2024-" + month, parking2024[m]));
            volumes.add(new AppealTrends.Volume("changxindian", "BICYCLE_MANAGEMENT", "2023-" + month, bikes2023[m]));
            volumes.add(new AppealTrends.Volume("changxindian", "BICYCLE_MANAGEMENT", "2024-" + month, bikes2024[m]));
        }
        volumes.add(new AppealTrends.Volume("xiluoyuan", "PARKING", "2024-07", 999));
        volumes.add(new AppealTrends.Volume("fengtai", "ROAD_REPAIR", "2024-02", 5));

        AppealTrends.AppealsAnswer answer = AppealTrends.of(Period.parse("2024-H1"), volumes);

        assertThat(answer.rows()).extracting(AppealTrends.AppealRow::street).containsExactly("changxindian", "fengtai", "xiluoyuan");
        AppealTrends.AppealRow parking = answer.rows().get(2);
        assertThat(parking.count()).isEqualTo(138);
        assertThat(parking.previousCount()).isEqualTo(261);
        assertThat(parking.change()).isEqualByComparingTo("-0.4713");
        AppealTrends.AppealRow bikes = answer.rows().get(0);
        assertThat(bikes.count()).isEqualTo(64);
        assertThat(bikes.previousCount()).isEqualTo(165);
        assertThat(bikes.change()).isEqualByComparingTo("-0.6121");
        assertThat(answer.rows().get(1).change()).isNull();
        assertThat(answer.total().count()).isEqualTo(138 + 64 + 5);
        assertThat(answer.total().previousCount()).isEqualTo(261 + 165);
        assertThat(parking.recordedMonths()).isEqualTo(6);
        assertThat(parking.missingMonths()).isEmpty();
        AppealTrends.AppealRow road = answer.rows().get(1);
        assertThat(road.recordedMonths()).isEqualTo(1);
        assertThat(road.previousRecordedMonths()).isZero();
        assertThat(road.missingMonths()).hasSize(11).contains("2023-01", "2024-06").doesNotContain("2024-02");
        assertThat(answer.total().incompleteRows()).isEqualTo(1);
        assertThat(answer.total().change()).as("not every row can be compared").isNull();
    }

    @Test
    void monthsNotYetRecordedAreNotZeros() {
        // The year before is recorded, the period not yet: no row falls by 100 %.
        List<AppealTrends.Volume> volumes = new ArrayList<>();
        for (int m = 1; m <= 3; m++) volumes.add(new AppealTrends.Volume("xiluoyuan", "PARKING", "2024-0" + m, 40));
        volumes.add(new AppealTrends.Volume("xiluoyuan", "PARKING", "2025-01", 30));
        AppealTrends.AppealRow row = AppealTrends.of(Period.parse("2025-Q1"), volumes).rows().get(0);
        assertThat(row.count()).isEqualTo(30);
        assertThat(row.previousCount()).isEqualTo(120);
        assertThat(row.recordedMonths()).isEqualTo(1);
        assertThat(row.missingMonths()).containsExactly("2025-02", "2025-03");
        assertThat(row.change()).isNull();
    }
}
