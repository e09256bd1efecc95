package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.events.reference.ReferenceCodes;
import cn.fengtai.pool.query.appeal.AppealTrends;
import cn.fengtai.pool.query.project.ProjectView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the appeals concentrate (集中诉求): every street and issue type of a period by its appeal count, most first,
 * its share of the district's count, its change against the same period a year earlier, and the listed projects that
 * target it; a row no project covers is a candidate for the next batch. A month without a recorded count is not a
 * zero: each row says how many months of each window it covers, and its change is null unless both are complete.
 */
final class Hotspots {

    record HotspotRow(String street, String streetName, String issueType, String issueTypeName, long count,
               long previousCount, BigDecimal change, BigDecimal share, List<String> projects, boolean covered,
               int months, int recordedMonths, int previousRecordedMonths, List<String> missingMonths) {
    }

    /** {@code total}: the district's appeals of the period, over every row (before {@code top} and the filter). */
    record HotspotsAnswer(String period, long total, List<HotspotRow> rows) {
    }

    private Hotspots() {
    }

    static HotspotsAnswer of(String period, AppealTrends.AppealsAnswer trends, List<ProjectView> listed, Integer top, boolean uncoveredOnly) {
        long total = trends.total().count();
        List<HotspotRow> rows = new ArrayList<>();
        for (AppealTrends.AppealRow trend : trends.rows()) {
            List<String> projects = listed.stream()
                    .filter(p -> trend.street().equals(p.street()) && p.issueTypes().contains(trend.issueType()))
                    .map(ProjectView::id).sorted().toList();
            if (uncoveredOnly && !projects.isEmpty()) continue;
            BigDecimal share = total == 0 ? null
                    : BigDecimal.valueOf(trend.count()).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
            rows.add(new HotspotRow(trend.street(), ReferenceCodes.streets().get(trend.street()), trend.issueType(),
                    ReferenceCodes.issueTypes().get(trend.issueType()), trend.count(), trend.previousCount(),
                    trend.change(), share, projects, !projects.isEmpty(), trend.months(), trend.recordedMonths(),
                    trend.previousRecordedMonths(), trend.missingMonths()));
        }
        rows.sort(Comparator.comparingLong(HotspotRow::count).reversed().thenComparing(HotspotRow::street).thenComparing(HotspotRow::issueType));
        return new HotspotsAnswer(period, total, top == null ? rows : rows.subList(0, Math.min(top, rows.size())));
    }
}
