package cn.fengtai.pool.query.appeal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a project's appeals fell: the appeals of its street and issue types in the N months after the month it was
 * completed, against the same months a year earlier (the case's measure: Xiluoyuan parking 261 to 138, -47 %) and
 * against the N months before the month it was filed. A month without a recorded count is not a zero: a change is
 * given only where both windows it compares are recorded in full.
 */
public final class ProjectImpact {

    /** What a completed project's appeals did, in one word, for summaries. */
    public enum Verdict { FELL, ROSE, UNCHANGED, NOT_YET_MEASURABLE }

    public record Target(String street, String issueType) {
    }

    /** A window of months: its first and last, the appeals counted in it, how many of its months are recorded. */
    public record Window(YearMonth from, YearMonth to, long count, int months, int recordedMonths) {

        boolean complete() {
            return recordedMonths == months;
        }
    }

    /**
     * {@code after} and both changes are null until the project is completed; {@code complete}: every month of the
     * three windows is recorded for every target.
     */
    public record ImpactAnswer(String projectId, List<Target> targets, int months, Window baseline, Window after,
                         Window afterYearEarlier, BigDecimal change, BigDecimal changeVsBaseline, boolean complete,
                         Verdict verdict) {
    }

    private ProjectImpact() {
    }

    /**
     * @param counts the recorded counts by {@code street:issueType:YYYY-MM} (a month missing here is not recorded)
     */
    public static ImpactAnswer of(String projectId, String street, List<String> issueTypes, LocalDate filedOn,
                            LocalDate completedOn, int months, Map<String, Integer> counts) {
        List<Target> targets = issueTypes == null ? List.of()
                : issueTypes.stream().filter(java.util.Objects::nonNull).map(type -> new Target(street, type)).toList();
        // An event stored before today's rules may lack the filing date: nothing can be measured then.
        Window baseline = filedOn == null ? null : window(targets, YearMonth.from(filedOn).minusMonths(months), months, counts);
        if (completedOn == null || baseline == null) {
            return new ImpactAnswer(projectId, targets, months, baseline, null, null, null, null, false,
                    Verdict.NOT_YET_MEASURABLE);
        }
        YearMonth firstAfter = YearMonth.from(completedOn).plusMonths(1);
        Window after = window(targets, firstAfter, months, counts);
        Window yearEarlier = window(targets, firstAfter.minusYears(1), months, counts);
        BigDecimal change = after.complete() && yearEarlier.complete() ? AppealTrends.change(after.count(), yearEarlier.count()) : null;
        BigDecimal vsBaseline = after.complete() && baseline.complete() ? AppealTrends.change(after.count(), baseline.count()) : null;
        boolean complete = baseline.complete() && after.complete() && yearEarlier.complete();
        return new ImpactAnswer(projectId, targets, months, baseline, after, yearEarlier, change, vsBaseline, complete,
                verdict(change));
    }

    /** The months of a project's three windows, as keys of the counts {@link #of} needs. */
    public static List<String> keys(String street, List<String> issueTypes, LocalDate filedOn, LocalDate completedOn,
                                    int months) {
        List<YearMonth> firsts = new ArrayList<>();
        if (filedOn == null || issueTypes == null) return List.of();
        firsts.add(YearMonth.from(filedOn).minusMonths(months));
        if (completedOn != null) {
            YearMonth firstAfter = YearMonth.from(completedOn).plusMonths(1);
            firsts.add(firstAfter);
            firsts.add(firstAfter.minusYears(1));
        }
        List<String> keys = new ArrayList<>();
        for (YearMonth first : firsts) {
            for (int i = 0; i < months; i++) {
                for (String type : issueTypes) keys.add(key(street, type, first.plusMonths(i)));
            }
        }
        return keys;
    }

    public static String key(String street, String issueType, YearMonth month) {
        return street + ":" + issueType + ":" + month;
    }

    private static Verdict verdict(BigDecimal change) {
        if (change == null) return Verdict.NOT_YET_MEASURABLE;
        return switch (change.signum()) {
            case -1 -> Verdict.FELL;
            case 1 -> Verdict.ROSE;
            default -> Verdict.UNCHANGED;
        };
    }

    private static Window window(List<Target> targets, YearMonth first, int months, Map<String, Integer> counts) {
        long count = 0;
        int recorded = 0;
        for (int i = 0; i < months; i++) {
            YearMonth month = first.plusMonths(i);
            boolean all = !targets.isEmpty();
            for (Target target : targets) {
                Integer n = counts.get(key(target.street(), target.issueType(), month));
                if (n == null) all = false;
                else count += n;
            }
            if (all) recorded++;
        }
        return new Window(first, first.plusMonths(months - 1), count, months, recorded);
    }
}
