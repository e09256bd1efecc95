package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.query.fund.FundView;
import cn.fengtai.pool.query.project.Funding;
import cn.fengtai.pool.query.project.ProjectView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a special fund was used: its budget, what it allocated and has left, and what was spent, the actual cost of the
 * completed projects it funded, by street and by category. A project funded from several funds has its actual cost
 * shared among them in proportion to what each allocated to it, so the funds' spending adds up to the projects' cost.
 */
final class FundUse {

    record Share(BigDecimal allocated, BigDecimal spent) {

        Share plus(BigDecimal moreAllocated, BigDecimal moreSpent) {
            return new Share(allocated.add(moreAllocated), spent.add(moreSpent));
        }
    }

    record FundUseAnswer(String fund, int year, BigDecimal budget, BigDecimal allocated, BigDecimal remaining, BigDecimal spent,
                  int projects, int completedProjects, Map<String, Share> byStreet, Map<String, Share> byCategory) {
    }

    private FundUse() {
    }

    static FundUseAnswer of(FundView fund, List<ProjectView> funded) {
        Map<String, Share> byStreet = new TreeMap<>();
        Map<String, Share> byCategory = new TreeMap<>();
        BigDecimal spent = BigDecimal.ZERO;
        int completed = 0;
        for (ProjectView project : funded) {
            BigDecimal allocated = allocatedBy(fund.id(), project);
            if (allocated == null) allocated = BigDecimal.ZERO;
            BigDecimal projectSpent = BigDecimal.ZERO;
            if (project.status() == ProjectStatus.COMPLETED && project.actualCost() != null) {
                completed++;
                BigDecimal total = project.fundings().stream().map(Funding::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                projectSpent = total.signum() == 0 ? BigDecimal.ZERO : project.actualCost().multiply(allocated)
                        .divide(total, 2, RoundingMode.HALF_UP);
            }
            spent = spent.add(projectSpent);
            BigDecimal s = projectSpent;
            byStreet.merge(known(project.street()), new Share(allocated, s), (a, b) -> a.plus(b.allocated(), b.spent()));
            byCategory.merge(known(project.category()), new Share(allocated, s), (a, b) -> a.plus(b.allocated(), b.spent()));
        }
        return new FundUseAnswer(fund.id(), fund.year(), fund.budget(), fund.allocated(), fund.remaining(), spent,
                funded.size(), completed, byStreet, byCategory);
    }

    /** A code stored before today's rules may be missing: counted under {@code UNKNOWN}, not lost. */
    private static String known(String code) {
        return code == null ? "UNKNOWN" : code;
    }

    private static BigDecimal allocatedBy(String fund, ProjectView project) {
        return project.fundings().stream().filter(f -> fund.equals(f.fund())).map(Funding::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
