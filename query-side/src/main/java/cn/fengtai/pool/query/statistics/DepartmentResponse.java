package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.events.reference.ReferenceCodes;
import cn.fengtai.pool.query.project.DepartmentView;
import cn.fengtai.pool.query.project.ProjectView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How departments answer a street's summons (街乡吹哨、部门报到): per department ever summoned, how many summons,
 * report-ins and pending ones, the median and longest days from a summons to its report-in, and the oldest pending
 * summons in days to the day asked about. Days are between the business dates of the summons and the report-in.
 */
final class DepartmentResponse {

    record DepartmentRow(String department, String name, int summoned, int reportedIn, int pending,
               BigDecimal medianDaysToReportIn, Long maxDaysToReportIn, Long oldestPendingDays) {
    }

    private DepartmentResponse() {
    }

    /** {@code batch} null: every project; otherwise the projects on that batch's list. */
    static List<DepartmentRow> of(List<ProjectView> projects, String batch, LocalDate today) {
        Map<String, List<DepartmentView>> summons = new TreeMap<>();
        for (ProjectView project : projects) {
            if (batch != null && !project.batches().contains(batch)) continue;
            project.departments().stream().filter(d -> d.department() != null)
                    .forEach(d -> summons.computeIfAbsent(d.department(), k -> new ArrayList<>()).add(d));
        }
        List<DepartmentRow> rows = new ArrayList<>();
        summons.forEach((department, list) -> {
            List<Long> days = new ArrayList<>();
            Long oldestPending = null;
            for (DepartmentView d : list) {
                if (d.reportedIn()) {
                    if (d.summonedOn() != null && d.reportedInOn() != null) {
                        days.add(ChronoUnit.DAYS.between(d.summonedOn(), d.reportedInOn()));
                    }
                } else if (d.summonedOn() != null) {
                    long waiting = ChronoUnit.DAYS.between(d.summonedOn(), today);
                    oldestPending = oldestPending == null ? waiting : Math.max(oldestPending, waiting);
                }
            }
            int reported = (int) list.stream().filter(DepartmentView::reportedIn).count();
            days.sort(null);
            rows.add(new DepartmentRow(department, ReferenceCodes.departments().get(department), list.size(), reported,
                    list.size() - reported, median(days), days.isEmpty() ? null : days.get(days.size() - 1), oldestPending));
        });
        return rows;
    }

    /** The middle of sorted days, or the mean of the two middle ones; null for none. */
    static BigDecimal median(List<Long> sorted) {
        if (sorted.isEmpty()) return null;
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) return BigDecimal.valueOf(sorted.get(middle));
        return BigDecimal.valueOf(sorted.get(middle - 1) + sorted.get(middle)).divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP);
    }
}
