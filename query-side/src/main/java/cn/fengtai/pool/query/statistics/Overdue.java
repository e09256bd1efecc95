package cn.fengtai.pool.query.statistics;

import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.query.project.ProjectListIndex;
import cn.fengtai.pool.query.project.ProjectView;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The projects past their deadline and neither completed nor called off ({@link ProjectView#overdue}), counted for
 * the district, per batch they are now on, per street and per street of a batch. They depend on the day, not only on
 * the events, so they are counted from the project views when asked, not kept by the projection.
 */
record Overdue(long total, Map<String, Long> byKey) {

    static final ProjectStatus[] UNFINISHED = {ProjectStatus.APPROVED, ProjectStatus.FUNDED, ProjectStatus.IN_PROGRESS};

    static Overdue of(Collection<ProjectView> projects, LocalDate today) {
        return count(projects.stream().filter(p -> p.overdue(today)).map(p -> new Late(p.currentBatch(), p.street())));
    }

    /** The same from the project list's entries ({@link ProjectListIndex}), which hold the fields it needs. */
    static Overdue ofEntries(Collection<ProjectListIndex.Entry> entries, LocalDate today) {
        return count(entries.stream().filter(e -> e.overdue(today)).map(e -> new Late(e.currentBatch(), e.street())));
    }

    private record Late(String batch, String street) {
    }

    private static Overdue count(Stream<Late> late) {
        Map<String, Long> byKey = new HashMap<>();
        long[] total = {0};
        late.forEach(project -> {
            total[0]++;
            byKey.merge("batch:" + project.batch(), 1L, Long::sum);
            byKey.merge("street:" + project.street(), 1L, Long::sum);
            byKey.merge("batch:" + project.batch() + ":street:" + project.street(), 1L, Long::sum);
        });
        return new Overdue(total[0], byKey);
    }

    long batch(String batch) {
        return byKey.getOrDefault("batch:" + batch, 0L);
    }

    /** {@code batch} may be null: the street's overdue projects on any batch. */
    long street(String street, String batch) {
        return byKey.getOrDefault((batch == null ? "" : "batch:" + batch + ":") + "street:" + street, 0L);
    }
}
