package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.query.appeal.ProjectImpact;
import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.events.reference.ReferenceCodes;
import cn.fengtai.pool.query.project.Counters;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The district's published figures, read off the {@link Counters} of the pool (kept by the projects projection, or
 * recounted from past views for an as-of question). Two ways of counting matter: a carried-over project is
 * listed on two batches (batch totals add up to more than the distinct projects), and a rejected project was filed
 * but never listed. A project counts as completed on a batch when it was completed while on that batch's list.
 */
public final class PoolStatistics {

    /** {@code overdue}: listed projects past their deadline and not completed or cancelled, on the day asked about. */
    public record District(long projects, long listed, Map<ProjectStatus, Long> byStatus,
                           Map<Category, Long> byCategory, Map<Category, Long> listedByCategory, long overdue) {
    }

    public record Tally(long listed, long completed) {
    }

    /**
     * {@code overdue}: the batch's projects past their deadline; {@code impact}: its completed projects by what their
     * appeals did in the six months after completion against the same months a year earlier.
     */
    public record BatchFigures(String batch, long listed, long completed, BigDecimal completionRate, long carriedOverIn,
                        long carriedOverOut, Map<Category, Tally> byCategory, Map<String, Long> completedByIssueType,
                        long streetsListed, long streetsAllCompleted, long overdue,
                        Map<ProjectImpact.Verdict, Long> impact) {
    }

    public record Street(String street, String name, long filed, long listed, long completed,
                         BigDecimal completionRate, Map<Category, Tally> byCategory, BigDecimal fundedAmount,
                         long overdue) {
    }

    private PoolStatistics() {
    }

    public static District district(Counters counters, Overdue overdue) {
        Map<ProjectStatus, Long> byStatus = new LinkedHashMap<>();
        for (ProjectStatus status : ProjectStatus.values()) {
            byStatus.put(status, counters.count("status:" + status));
        }
        Map<Category, Long> byCategory = new LinkedHashMap<>();
        Map<Category, Long> listedByCategory = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            byCategory.put(category, counters.count("category:" + category));
            listedByCategory.put(category, counters.count("listedCategory:" + category));
        }
        return new District(counters.count("projects"), counters.count("listed"), byStatus, byCategory, listedByCategory,
                overdue.total());
    }

    public static BatchFigures batch(String batch, Counters counters, Overdue overdue, Map<ProjectImpact.Verdict, Long> impact) {
        String b = "batch:" + batch;
        Map<String, Long> byIssueType = new LinkedHashMap<>();
        ReferenceCodes.issueTypes().keySet().forEach(code -> byIssueType.put(code, counters.count(b + ":issue:" + code)));
        long streetsListed = 0;
        long streetsAllCompleted = 0;
        for (String street : ReferenceCodes.streets().keySet()) {
            long listed = counters.count(b + ":street:" + street + ":listed");
            if (listed > 0) {
                streetsListed++;
                if (counters.count(b + ":street:" + street + ":completed") == listed) streetsAllCompleted++;
            }
        }
        long listed = counters.count(b + ":listed");
        long done = counters.count(b + ":completed");
        return new BatchFigures(batch, listed, done, rate(done, listed), counters.count(b + ":carriedOverIn"),
                counters.count(b + ":carriedOverOut"), byCategory(counters, b), byIssueType, streetsListed, streetsAllCompleted,
                overdue.batch(batch), impact);
    }

    /** One row per street office of the district, in the order of the reference list; {@code batch} may be null. */
    public static List<Street> streets(String batch, Counters counters, Overdue overdue) {
        return ReferenceCodes.streets().keySet().stream().map(code -> street(code, batch, counters, overdue)).toList();
    }

    public static Street street(String code, String batch, Counters counters, Overdue overdue) {
        String s = (batch == null ? "" : "batch:" + batch + ":") + "street:" + code;
        long listed = counters.count(s + ":listed");
        long done = counters.count(s + ":completed");
        return new Street(code, ReferenceCodes.streets().get(code), counters.count("street:" + code + ":filed"), listed, done,
                rate(done, listed), byCategory(counters, s), counters.amount(s + ":funded"), overdue.street(code, batch));
    }

    private static Map<Category, Tally> byCategory(Counters counters, String prefix) {
        Map<Category, Tally> tallies = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            tallies.put(category, new Tally(counters.count(prefix + ":category:" + category + ":listed"),
                    counters.count(prefix + ":category:" + category + ":completed")));
        }
        return tallies;
    }

    /** Completed over listed, to four places; null when nothing was listed. */
    static BigDecimal rate(long completed, long listed) {
        return listed == 0 ? null : BigDecimal.valueOf(completed).divide(BigDecimal.valueOf(listed), 4, RoundingMode.HALF_UP);
    }
}
