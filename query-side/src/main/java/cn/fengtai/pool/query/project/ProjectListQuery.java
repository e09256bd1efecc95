package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.query.readmodel.ReadModelConversions;
import cn.fengtai.pool.query.web.BadQuery;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One project list question, asked either of MongoDB ({@link #criteria}, {@link #sort}) or of the
 * {@link ProjectListIndex} ({@link #matches}, {@link #order}): both forms are built here, from the same values, so
 * they select and order the same projects (nulls first when ascending, ties by id, as MongoDB does).
 */
record ProjectListQuery(String street, String category, String status, String batch, String issueType, String title,
                        boolean listedOnly, String unlistedOf, LocalDate overdueOn, String sortField,
                        boolean descending) {

    /** The statuses of work under way: a project in one of them is overdue once its deadline has passed. */
    private static final List<String> UNFINISHED = Arrays.stream(ProjectStatus.values())
            .filter(ProjectStatus::isUnfinished).map(Enum::name).toList();

    private static final Map<String, Function<ProjectListIndex.Entry, Comparable<?>>> SORTABLE = Map.of(
            "filedAt", ProjectListIndex.Entry::filedAt, "title", ProjectListIndex.Entry::title,
            "deadline", ProjectListIndex.Entry::deadline, "street", ProjectListIndex.Entry::street,
            "progress", ProjectListIndex.Entry::progress, "updatedAt", ProjectListIndex.Entry::updatedAt);

    /**
     * {@code sort} as the API takes it: a field, optionally {@code ,asc} or {@code ,desc}; newest filing first by
     * default. With {@code listedOnly} only listed projects are selected, and besides them the unlisted ones of the
     * street {@code unlistedOf} (if not null), as {@code ReadingRules} decides for the caller. With {@code overdueOn}
     * only the projects overdue on that day (deadline before it, work under way).
     */
    static ProjectListQuery of(String street, String category, String status, String batch, String issueType,
                               String title, boolean listedOnly, String unlistedOf, LocalDate overdueOn, String sort) {
        if (sort == null || sort.isBlank()) {
            return new ProjectListQuery(street, category, status, batch, issueType, title, listedOnly, unlistedOf,
                    overdueOn, "filedAt", true);
        }
        String[] parts = sort.split(",");
        if (!SORTABLE.containsKey(parts[0]) || parts.length > 2 || (parts.length == 2 && !parts[1].matches("asc|desc"))) {
            throw new BadQuery("sort", "sort must be one of " + SORTABLE.keySet() + ", optionally followed by ,asc or ,desc");
        }
        return new ProjectListQuery(street, category, status, batch, issueType, title, listedOnly, unlistedOf, overdueOn,
                parts[0], parts.length == 2 && parts[1].equals("desc"));
    }

    Criteria criteria() {
        Criteria criteria = new Criteria();
        if (street != null) criteria.and("street").is(street);
        if (category != null) criteria.and("category").is(category);
        if (status != null) criteria.and("status").is(status);
        if (batch != null) criteria.and("batches").is(batch);
        if (issueType != null) criteria.and("issueTypes").is(issueType);
        if (title != null) criteria.and("title").regex(Pattern.quote(title), "i");
        if (overdueOn != null) {
            // Days are stored as ISO text, which sorts as the days do.
            criteria.and("deadline").lt(ReadModelConversions.day(overdueOn));
            if (status == null) criteria.and("status").in(UNFINISHED);
            else if (!UNFINISHED.contains(status)) criteria.and("_id").exists(false);
        }
        if (listedOnly && unlistedOf == null) criteria.and("batches.0").exists(true);
        if (listedOnly && unlistedOf != null) {
            criteria.orOperator(Criteria.where("batches.0").exists(true), Criteria.where("street").is(unlistedOf));
        }
        return criteria;
    }

    Sort sort() {
        return Sort.by(new Sort.Order(descending ? Sort.Direction.DESC : Sort.Direction.ASC, sortField), Sort.Order.asc("_id"));
    }

    Predicate<ProjectListIndex.Entry> matches() {
        Pattern pattern = title == null ? null : Pattern.compile(Pattern.quote(title), Pattern.CASE_INSENSITIVE);
        return e -> (street == null || street.equals(e.street())) && (category == null || category.equals(e.category()))
                && (status == null || status.equals(e.status())) && (batch == null || e.batches().contains(batch))
                && (issueType == null || e.issueTypes().contains(issueType))
                && (pattern == null || (e.title() != null && pattern.matcher(e.title()).find()))
                && (!listedOnly || !e.batches().isEmpty() || (unlistedOf != null && unlistedOf.equals(e.street())))
                && (overdueOn == null || (e.deadline() != null && e.deadline().isBefore(overdueOn)
                        && UNFINISHED.contains(e.status())));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Comparator<ProjectListIndex.Entry> order() {
        Function<ProjectListIndex.Entry, Comparable> key = (Function) SORTABLE.get(sortField);
        Comparator<ProjectListIndex.Entry> byField = Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder()));
        if (descending) byField = byField.reversed();
        return byField.thenComparing(ProjectListIndex.Entry::id, Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
