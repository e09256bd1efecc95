package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.events.reference.ReferenceCodes;
import cn.fengtai.pool.query.project.ProjectView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The district's published figures, counted from project views. Two ways of counting matter: a carried-over project is
 * listed on two batches (batch totals add up to more than the distinct projects), and a rejected project was filed
 * but never listed. A project counts as completed on a batch when it was completed while on that batch's list.
 */
public final class PoolStatistics {

    public record District(long projects, long listed, Map<ProjectStatus, Long> byStatus,
                           Map<Category, Long> byCategory, Map<Category, Long> listedByCategory) {
    }

    public record Tally(long listed, long completed) {
    }

    public record Batch(String batch, long listed, long completed, BigDecimal completionRate, long carriedOverIn,
                        long carriedOverOut, Map<Category, Tally> byCategory, Map<String, Long> completedByIssueType,
                        long streetsListed, long streetsAllCompleted) {
    }

    public record Street(String street, String name, long filed, long listed, long completed,
                         BigDecimal completionRate, Map<Category, Tally> byCategory, BigDecimal fundedAmount) {
    }

    private PoolStatistics() {
    }

    public static District district(Collection<ProjectView> projects) {
        Map<ProjectStatus, Long> byStatus = new LinkedHashMap<>();
        for (ProjectStatus status : ProjectStatus.values()) {
            byStatus.put(status, projects.stream().filter(p -> p.status() == status).count());
        }
        Map<Category, Long> byCategory = new LinkedHashMap<>();
        Map<Category, Long> listedByCategory = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            byCategory.put(category, projects.stream().filter(inCategory(category)).count());
            listedByCategory.put(category, projects.stream().filter(inCategory(category))
                    .filter(p -> !p.batches().isEmpty()).count());
        }
        long listed = projects.stream().filter(p -> !p.batches().isEmpty()).count();
        return new District(projects.size(), listed, byStatus, byCategory, listedByCategory);
    }

    public static Batch batch(String batch, Collection<ProjectView> projects) {
        List<ProjectView> listed = projects.stream().filter(p -> p.batches().contains(batch)).toList();
        Predicate<ProjectView> completed = completedOn(batch);
        Map<String, Long> byIssueType = new LinkedHashMap<>();
        ReferenceCodes.issueTypes().keySet().forEach(code -> byIssueType.put(code, 0L));
        listed.stream().filter(completed).flatMap(p -> p.issueTypes().stream())
                .forEach(code -> byIssueType.merge(code, 1L, Long::sum));
        Map<String, List<ProjectView>> byStreet = new LinkedHashMap<>();
        listed.forEach(p -> byStreet.computeIfAbsent(p.street(), s -> new java.util.ArrayList<>()).add(p));
        long streetsAllCompleted = byStreet.values().stream().filter(list -> list.stream().allMatch(completed)).count();
        long done = listed.stream().filter(completed).count();
        return new Batch(batch, listed.size(), done, rate(done, listed.size()),
                listed.stream().filter(p -> !p.batches().get(0).equals(batch)).count(),
                listed.stream().filter(p -> !batch.equals(p.currentBatch())).count(),
                byCategory(listed, completed), byIssueType, byStreet.size(), streetsAllCompleted);
    }

    /** One row per street office of the district, in the order of the reference list; {@code batch} may be null. */
    public static List<Street> streets(String batch, Collection<ProjectView> projects) {
        return ReferenceCodes.streets().keySet().stream().map(code -> street(code, batch, projects)).toList();
    }

    public static Street street(String code, String batch, Collection<ProjectView> projects) {
        List<ProjectView> own = projects.stream().filter(p -> code.equals(p.street())).toList();
        List<ProjectView> listed = own.stream()
                .filter(p -> batch == null ? !p.batches().isEmpty() : p.batches().contains(batch)).toList();
        Predicate<ProjectView> completed = batch == null
                ? p -> p.status() == ProjectStatus.COMPLETED : completedOn(batch);
        long done = listed.stream().filter(completed).count();
        BigDecimal funded = (batch == null ? own : listed).stream().map(ProjectView::fundedAmount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Street(code, ReferenceCodes.streets().get(code), own.size(), listed.size(), done,
                rate(done, listed.size()), byCategory(listed, completed), funded);
    }

    private static Map<Category, Tally> byCategory(List<ProjectView> listed, Predicate<ProjectView> completed) {
        Map<Category, Tally> tallies = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            List<ProjectView> inCategory = listed.stream().filter(inCategory(category)).toList();
            tallies.put(category, new Tally(inCategory.size(), inCategory.stream().filter(completed).count()));
        }
        return tallies;
    }

    private static Predicate<ProjectView> completedOn(String batch) {
        return p -> p.status() == ProjectStatus.COMPLETED && batch.equals(p.currentBatch());
    }

    private static Predicate<ProjectView> inCategory(Category category) {
        return p -> category.name().equals(p.category());
    }

    /** Completed over listed, to four places; null when nothing was listed. */
    static BigDecimal rate(long completed, long listed) {
        return listed == 0 ? null : BigDecimal.valueOf(completed).divide(BigDecimal.valueOf(listed), 4, RoundingMode.HALF_UP);
    }
}
