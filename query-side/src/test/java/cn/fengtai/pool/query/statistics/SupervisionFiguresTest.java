package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.fund.FundAllocated;
import cn.fengtai.pool.events.fund.FundCreated;
import cn.fengtai.pool.events.project.DepartmentReportedIn;
import cn.fengtai.pool.events.project.DepartmentsSummoned;
import cn.fengtai.pool.events.project.ProjectCompleted;
import cn.fengtai.pool.events.project.ProjectFunded;
import cn.fengtai.pool.query.appeal.AppealTrends;
import cn.fengtai.pool.query.appeal.Period;
import cn.fengtai.pool.query.fund.FundView;
import cn.fengtai.pool.query.project.ProjectView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static cn.fengtai.pool.query.statistics.PoolStatisticsTest.DAY;
import static cn.fengtai.pool.query.statistics.PoolStatisticsTest.on;
import static cn.fengtai.pool.query.statistics.PoolStatisticsTest.project;
import static cn.fengtai.pool.query.statistics.PoolStatisticsTest.started;
import static org.assertj.core.api.Assertions.assertThat;

/** Hotspots, department response and fund use, each against a count made by hand. */
class SupervisionFiguresTest {

    private static AppealTrends.Volume volume(String street, String type, String month, int count) {
        return new AppealTrends.Volume(street, type, month, count);
    }

    @Test
    void hotspotsRankStreetAndIssueTypeByAppealsAndNameTheProjectsThatCoverThem() {
        Period quarter = Period.parse("2024-Q1");
        List<AppealTrends.Volume> volumes = List.of(
                volume("xiluoyuan", "PARKING", "2024-01", 50), volume("xiluoyuan", "PARKING", "2024-02", 40),
                volume("xiluoyuan", "PARKING", "2024-03", 30), volume("xiluoyuan", "PARKING", "2023-01", 90),
                volume("xiluoyuan", "PARKING", "2023-02", 80), volume("xiluoyuan", "PARKING", "2023-03", 70),
                volume("fangzhuang", "HOUSE_LEAK", "2024-01", 60), volume("fangzhuang", "HOUSE_LEAK", "2024-02", 60),
                volume("changxindian", "BICYCLE_MANAGEMENT", "2024-02", 20));
        List<ProjectView> listed = List.of(
                project("p1", "xiluoyuan", Category.CONVENIENT_TRAVEL, "PARKING", on("p1", "2024-1")),
                project("p2", "xiluoyuan", Category.HOUSING, "HOUSE_LEAK", on("p2", "2024-1")));

        Hotspots.HotspotsAnswer answer = Hotspots.of("2024-Q1", AppealTrends.of(quarter, volumes), listed, null, false);
        assertThat(answer.total()).isEqualTo(260);
        assertThat(answer.rows()).extracting(Hotspots.HotspotRow::street).containsExactly("fangzhuang", "xiluoyuan", "changxindian");
        Hotspots.HotspotRow parking = answer.rows().get(1);
        assertThat(parking.count()).isEqualTo(120);
        assertThat(parking.previousCount()).isEqualTo(240);
        assertThat(parking.change()).isEqualByComparingTo("-0.5");
        assertThat(parking.share()).isEqualByComparingTo("0.4615");
        assertThat(parking.projects()).containsExactly("p1");
        assertThat(parking.covered()).isTrue();
        Hotspots.HotspotRow leaks = answer.rows().get(0);
        assertThat(leaks.covered()).as("p2 is in another street").isFalse();
        assertThat(leaks.recordedMonths()).isEqualTo(2);
        assertThat(leaks.change()).as("2024-03 and the year before not recorded").isNull();

        assertThat(Hotspots.of("2024-Q1", AppealTrends.of(quarter, volumes), listed, 1, true).rows())
                .extracting(Hotspots.HotspotRow::street).containsExactly("fangzhuang");
        assertThat(Hotspots.of("2024-Q1", AppealTrends.of(quarter, volumes), listed, null, true).rows())
                .extracting(Hotspots.HotspotRow::covered).containsOnly(false);
    }

    @Test
    void departmentsAreTimedFromTheSummonsToTheReportInByTheirBusinessDates() {
        LocalDate march = LocalDate.of(2024, 3, 1);
        List<ProjectView> projects = List.of(
                project("a", "xiluoyuan", Category.CONVENIENT_TRAVEL, "PARKING", on("a", "2024-1"), started("a"),
                        new DepartmentsSummoned("a", List.of("transport", "law-enforcement"), "会", march, null),
                        new DepartmentReportedIn("a", "transport", "c", march.plusDays(3), null),
                        new DepartmentReportedIn("a", "law-enforcement", "c", march.plusDays(10), null)),
                project("b", "fangzhuang", Category.HOUSING, "HOUSE_LEAK", on("b", "2024-1"), started("b"),
                        new DepartmentsSummoned("b", List.of("transport"), "会", march, null),
                        new DepartmentReportedIn("b", "transport", "c", march.plusDays(8), null)),
                project("c", "fangzhuang", Category.HOUSING, "HOUSE_LEAK", on("c", "2024-2"), started("c"),
                        new DepartmentsSummoned("c", List.of("transport"), "会", march.plusDays(20), null)),
                project("d", "lugouqiao", Category.HOUSING, "HOUSE_LEAK", on("d", "2024-2"), started("d"),
                        new DepartmentsSummoned("d", List.of("transport"), "会", march.plusDays(5), null),
                        new DepartmentReportedIn("d", "transport", "c", march.plusDays(7), null)));
        LocalDate today = march.plusDays(30);

        List<DepartmentResponse.DepartmentRow> rows = DepartmentResponse.of(projects, null, today);
        DepartmentResponse.DepartmentRow transport = rows.stream().filter(r -> r.department().equals("transport")).findFirst().orElseThrow();
        assertThat(transport.summoned()).isEqualTo(4);
        assertThat(transport.reportedIn()).isEqualTo(3);
        assertThat(transport.pending()).isEqualTo(1);
        assertThat(transport.medianDaysToReportIn()).as("3, 2, 8 days").isEqualByComparingTo("3");
        assertThat(transport.maxDaysToReportIn()).isEqualTo(8);
        assertThat(transport.oldestPendingDays()).isEqualTo(10);
        assertThat(transport.name()).isNotBlank();
        DepartmentResponse.DepartmentRow lawEnforcement = rows.stream().filter(r -> r.department().equals("law-enforcement")).findFirst().orElseThrow();
        assertThat(lawEnforcement.oldestPendingDays()).isNull();

        DepartmentResponse.DepartmentRow firstBatch = DepartmentResponse.of(projects, "2024-1", today).stream()
                .filter(r -> r.department().equals("transport")).findFirst().orElseThrow();
        assertThat(firstBatch.summoned()).isEqualTo(2);
        assertThat(firstBatch.medianDaysToReportIn()).as("3 and 8 days").isEqualByComparingTo("5.5");
    }

    @Test
    void aFundsSpendingIsTheActualCostOfTheCompletedProjectsItFundedSharedAmongTheirFunds() {
        FundView fund = new FundView();
        fund.apply(new FundCreated("2024", 2024, new BigDecimal("1000000"), DAY, null));
        fund.apply(new FundAllocated("2024", "a", new BigDecimal("100000"), new BigDecimal("900000"), DAY, null));
        fund.apply(new FundAllocated("2024", "b", new BigDecimal("30000"), new BigDecimal("870000"), DAY, null));
        fund.apply(new FundAllocated("2024", "c", new BigDecimal("50000"), new BigDecimal("820000"), DAY, null));
        List<ProjectView> funded = List.of(
                project("a", "xiluoyuan", Category.CONVENIENT_TRAVEL, "PARKING", on("a", "2024-1"),
                        new ProjectFunded("a", "2024", new BigDecimal("100000"), new BigDecimal("100000"), DAY, null),
                        started("a"), new ProjectCompleted("a", new BigDecimal("96000"), "done", DAY, null)),
                // b: a quarter of its money from another fund, so a quarter of its cost is that fund's
                project("b", "xiluoyuan", Category.HOUSING, "HOUSE_LEAK", on("b", "2024-1"),
                        new ProjectFunded("b", "2024", new BigDecimal("30000"), new BigDecimal("30000"), DAY, null),
                        new ProjectFunded("b", "city", new BigDecimal("10000"), new BigDecimal("40000"), DAY, null),
                        started("b"), new ProjectCompleted("b", new BigDecimal("36000"), "done", DAY, null)),
                project("c", "fangzhuang", Category.HOUSING, "HOUSE_LEAK", on("c", "2024-1"),
                        new ProjectFunded("c", "2024", new BigDecimal("50000"), new BigDecimal("50000"), DAY, null),
                        started("c")));

        FundUse.FundUseAnswer use = FundUse.of(fund, funded);
        assertThat(use.allocated()).isEqualByComparingTo("180000");
        assertThat(use.remaining()).isEqualByComparingTo("820000");
        assertThat(use.spent()).as("96,000 + three quarters of 36,000").isEqualByComparingTo("123000");
        assertThat(use.completedProjects()).isEqualTo(2);
        assertThat(use.byStreet().get("xiluoyuan").allocated()).isEqualByComparingTo("130000");
        assertThat(use.byStreet().get("xiluoyuan").spent()).isEqualByComparingTo("123000");
        assertThat(use.byStreet().get("fangzhuang").spent()).isEqualByComparingTo("0");
        assertThat(use.byCategory().get("HOUSING").allocated()).isEqualByComparingTo("80000");
        assertThat(use.byCategory().get("HOUSING").spent()).isEqualByComparingTo("27000");
    }
}
