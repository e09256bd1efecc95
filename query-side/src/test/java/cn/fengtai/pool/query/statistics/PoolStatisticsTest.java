package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.events.project.*;
import cn.fengtai.pool.query.project.Counters;
import cn.fengtai.pool.query.project.ProjectView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The two ways a project is counted: a carried-over project is listed on two batches, a rejected one on none. */
class PoolStatisticsTest {

    static final LocalDate DAY = LocalDate.of(2024, 3, 1);

    static ProjectView project(String id, String street, Category category, String issueType, Object... after) {
        ProjectView view = new ProjectView();
        view.apply(new ProjectFiled(id, street, null, "t", null, category, List.of(issueType), Channel.HOTLINE, List.of(),
                BigDecimal.ONE, DAY, null));
        for (Object event : after) {
            view.apply(event);
        }
        return view;
    }

    static ProjectApproved on(String id, String batch) {
        return new ProjectApproved(id, batch, "u", DAY, List.of("t"), DAY, null);
    }

    static ProjectStarted started(String id) {
        return new ProjectStarted(id, false, DAY, null);
    }

    static ProjectCompleted completed(String id) {
        return new ProjectCompleted(id, BigDecimal.ONE, "done", DAY, null);
    }

    final List<ProjectView> pool = List.of(
            // xiluoyuan: two listed on 2024-1, both completed there
            project("a", "xiluoyuan", Category.CONVENIENT_TRAVEL, "PARKING", on("a", "2024-1"), started("a"), completed("a"),
                    new ProjectFunded("a", "2024", new BigDecimal("100.50"), new BigDecimal("100.50"), DAY, null)),
            project("b", "xiluoyuan", Category.HOUSING, "HOUSE_LEAK", on("b", "2024-1"), started("b"), completed("b")),
            // changxindian: one carried over from 2024-1 and completed on 2024-2, one new on 2024-2 still running
            project("c", "changxindian", Category.CONVENIENT_TRAVEL, "BICYCLE_MANAGEMENT", on("c", "2024-1"), started("c"),
                    new ProjectCarriedOver("c", "2024-1", "2024-2", "r", DAY, null), completed("c")),
            project("d", "changxindian", Category.PUBLIC_SAFETY, "EBIKE_MANAGEMENT", on("d", "2024-2"), started("d")),
            // fengtai: one rejected, one filed, one cancelled after listing on 2024-1
            project("e", "fengtai", Category.LIVABLE_ENVIRONMENT, "ILLEGAL_CONSTRUCTION", new ProjectRejected("e", "no", DAY, null)),
            project("f", "fengtai", Category.LIVABLE_ENVIRONMENT, "ENVIRONMENT_CLEANUP"),
            project("g", "fengtai", Category.HOUSING, "HOUSE_LEAK", on("g", "2024-1"), new ProjectCancelled("g", "x", DAY, null)));

    /** Three months after every deadline: only d, still in progress on 2024-2, is overdue. */
    final Overdue overdue = Overdue.of(pool, DAY.plusMonths(3));

    @Test
    void overdueProjectsAreCountedForTheDistrictTheirBatchAndTheirStreet() {
        assertThat(PoolStatistics.district(Counters.of(pool), overdue).overdue()).isEqualTo(1);
        assertThat(PoolStatistics.batch("2024-2", Counters.of(pool), overdue, Map.of()).overdue()).isEqualTo(1);
        assertThat(PoolStatistics.batch("2024-1", Counters.of(pool), overdue, Map.of()).overdue()).isZero();
        assertThat(PoolStatistics.street("changxindian", null, Counters.of(pool), overdue).overdue()).isEqualTo(1);
        assertThat(PoolStatistics.street("changxindian", "2024-1", Counters.of(pool), overdue).overdue()).isZero();
        assertThat(PoolStatistics.street("xiluoyuan", null, Counters.of(pool), overdue).overdue()).isZero();
        assertThat(Overdue.of(pool, DAY).total()).as("on the deadline itself nothing is late yet").isZero();
    }

    @Test
    void district() {
        PoolStatistics.District district = PoolStatistics.district(Counters.of(pool), overdue);
        assertThat(district.projects()).isEqualTo(7);
        assertThat(district.listed()).isEqualTo(5);
        assertThat(district.byStatus()).containsEntry(ProjectStatus.COMPLETED, 3L).containsEntry(ProjectStatus.REJECTED, 1L)
                .containsEntry(ProjectStatus.FILED, 1L).containsEntry(ProjectStatus.IN_PROGRESS, 1L)
                .containsEntry(ProjectStatus.CANCELLED, 1L).containsEntry(ProjectStatus.APPROVED, 0L);
        assertThat(district.byCategory()).containsEntry(Category.LIVABLE_ENVIRONMENT, 2L).containsEntry(Category.HOUSING, 2L);
        assertThat(district.listedByCategory()).containsEntry(Category.LIVABLE_ENVIRONMENT, 0L);
    }

    @Test
    void batchTotalsAddUpToMoreThanTheDistinctProjects() {
        PoolStatistics.BatchFigures first = PoolStatistics.batch("2024-1", Counters.of(pool), overdue, Map.of());
        PoolStatistics.BatchFigures second = PoolStatistics.batch("2024-2", Counters.of(pool), overdue, Map.of());
        assertThat(first.listed() + second.listed()).isEqualTo(6).isGreaterThan(PoolStatistics.district(Counters.of(pool), overdue).listed());

        assertThat(first.listed()).isEqualTo(4);
        assertThat(first.completed()).isEqualTo(2);
        assertThat(first.completionRate()).isEqualByComparingTo("0.5");
        assertThat(first.carriedOverIn()).isZero();
        assertThat(first.carriedOverOut()).isEqualTo(1);
        assertThat(first.byCategory().get(Category.HOUSING)).isEqualTo(new PoolStatistics.Tally(2, 1));
        assertThat(first.completedByIssueType()).containsEntry("PARKING", 1L).containsEntry("HOUSE_LEAK", 1L)
                .containsEntry("BICYCLE_MANAGEMENT", 0L);
        assertThat(first.streetsListed()).isEqualTo(3);
        assertThat(first.streetsAllCompleted()).isEqualTo(1);

        assertThat(second.listed()).isEqualTo(2);
        assertThat(second.completed()).isEqualTo(1);
        assertThat(second.carriedOverIn()).isEqualTo(1);
        assertThat(second.carriedOverOut()).isZero();
        assertThat(second.completedByIssueType()).containsEntry("BICYCLE_MANAGEMENT", 1L);
        assertThat(second.streetsAllCompleted()).isZero();
    }

    @Test
    void streets() {
        List<PoolStatistics.Street> rows = PoolStatistics.streets(null, Counters.of(pool), overdue);
        assertThat(rows).hasSize(26);
        PoolStatistics.Street xiluoyuan = rows.stream().filter(r -> r.street().equals("xiluoyuan")).findFirst().orElseThrow();
        assertThat(xiluoyuan.name()).isEqualTo("西罗园街道");
        assertThat(xiluoyuan.filed()).isEqualTo(2);
        assertThat(xiluoyuan.listed()).isEqualTo(2);
        assertThat(xiluoyuan.completed()).isEqualTo(2);
        assertThat(xiluoyuan.completionRate()).isEqualByComparingTo("1");
        assertThat(xiluoyuan.fundedAmount()).isEqualByComparingTo("100.50");

        PoolStatistics.Street fengtai = PoolStatistics.street("fengtai", null, Counters.of(pool), overdue);
        assertThat(fengtai.filed()).isEqualTo(3);
        assertThat(fengtai.listed()).isEqualTo(1);
        assertThat(fengtai.completed()).isZero();

        PoolStatistics.Street changxindianFirst = PoolStatistics.street("changxindian", "2024-1", Counters.of(pool), overdue);
        assertThat(changxindianFirst.listed()).isEqualTo(1);
        assertThat(changxindianFirst.completed()).isZero();
        PoolStatistics.Street changxindianSecond = PoolStatistics.street("changxindian", "2024-2", Counters.of(pool), overdue);
        assertThat(changxindianSecond.listed()).isEqualTo(2);
        assertThat(changxindianSecond.completed()).isEqualTo(1);

        PoolStatistics.Street nobody = PoolStatistics.street("wangzuo", null, Counters.of(pool), overdue);
        assertThat(nobody.listed()).isZero();
        assertThat(nobody.completionRate()).isNull();
    }
}
