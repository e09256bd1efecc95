package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.project.*;
import cn.fengtai.pool.query.readmodel.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory list index selects and orders exactly what MongoDB selects and orders for the same question. */
class ProjectListQueryTest {

    private final EmbeddedMongo mongo = new EmbeddedMongo();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void memoryAndMongoAnswerTheSameListForEveryFilterAndSort() {
        Random random = new Random(7);
        List<String> streets = List.of("youanmen", "xiluoyuan", "lugouqiao");
        List<ProjectListIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "p-" + random.nextInt(100_000);
            ProjectView view = new ProjectView();
            LocalDate day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(30));
            view.apply(new ProjectFiled(id, streets.get(random.nextInt(3)), null, random.nextBoolean() ? "Parking 停车" : "屋顶防水",
                    null, Category.values()[random.nextInt(4)], List.of(random.nextBoolean() ? "PARKING" : "HOUSE_LEAK"),
                    Channel.HOTLINE, List.of(), BigDecimal.ONE, day, null));
            int steps = random.nextInt(5);
            if (steps > 0) view.apply(new ProjectApproved(id, "2024-" + (1 + random.nextInt(2)), "u",
                    random.nextBoolean() ? null : day.plusMonths(3), List.of("t"), day, null));
            if (steps > 1) view.apply(new ProjectStarted(id, false, day, null));
            if (steps > 2) view.apply(new ProjectProgressReported(id, random.nextInt(3) * 30, "n", day, null));
            if (steps > 3) view.apply(new ProjectCompleted(id, BigDecimal.ONE, "s", day, null));
            // a few share a filing instant, so the tie-break by id matters
            view.stamp(steps, i, Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(50)));
            mongo.template.save(view);
            entries.add(ProjectListIndex.Entry.of(view));
        }
        entries.removeIf(e -> entries.stream().filter(o -> o.id().equals(e.id())).count() > 1 && e != last(entries, e.id()));
        ProjectListIndex index = index();
        index.written(mongo.template.findAll(ProjectView.class), -1).run();

        List<ProjectListQuery> questions = new ArrayList<>();
        for (String sort : new String[]{null, "title", "title,desc", "deadline", "deadline,desc", "progress,desc", "updatedAt", "street"}) {
            questions.add(ProjectListQuery.of(null, null, null, null, null, null, false, null, null, sort));
            questions.add(ProjectListQuery.of("youanmen", null, "IN_PROGRESS", null, null, null, false, null, null, sort));
            questions.add(ProjectListQuery.of(null, "HOUSING", null, "2024-1", "PARKING", null, true, null, null, sort));
            questions.add(ProjectListQuery.of(null, null, null, null, null, "parking", false, null, null, sort));
            questions.add(ProjectListQuery.of("xiluoyuan", null, null, "2024-2", null, "防水", true, null, null, sort));
            // a street office: every listed project and its own street's unlisted ones
            questions.add(ProjectListQuery.of(null, null, null, null, null, null, true, "youanmen", null, sort));
            questions.add(ProjectListQuery.of("youanmen", null, "FILED", null, null, null, true, "youanmen", null, sort));
            questions.add(ProjectListQuery.of(null, null, null, null, null, null, false, null, LocalDate.of(2024, 4, 10), sort));
            questions.add(ProjectListQuery.of("xiluoyuan", null, "IN_PROGRESS", null, null, null, true, null,
                    LocalDate.of(2024, 4, 20), sort));
            questions.add(ProjectListQuery.of(null, null, "COMPLETED", null, null, null, false, null, LocalDate.of(2025, 1, 1), sort));
        }
        for (ProjectListQuery question : questions) {
            List<String> fromMongo = mongo.template.find(Query.query(question.criteria()).with(question.sort()),
                    ProjectView.class).stream().map(ProjectView::id).toList();
            List<String> fromMemory = entries.stream().filter(question.matches()).sorted(question.order())
                    .map(ProjectListIndex.Entry::id).toList();
            assertThat(fromMemory).as(question.toString()).isEqualTo(fromMongo);
            if (question.overdueOn() != null && question.status() == null) assertThat(fromMongo).as("overdue").isNotEmpty();
            ProjectListIndex.Page page = index.select(question.street(), question.matches(), question.order(), 0, 7);
            assertThat(page.ids()).as("index page of %s", question).isEqualTo(fromMongo.subList(0, Math.min(7, fromMongo.size())));
            assertThat(page.total()).isEqualTo(fromMongo.size());
            List<ProjectListIndex.Entry> matching = entries.stream().filter(question.matches()).toList();
            for (int count : new int[]{1, 5, 20}) { // early pages come from a bounded heap, not a sort of every match
                assertThat(ProjectListIndex.first(matching, question.order(), count).stream().map(ProjectListIndex.Entry::id).toList())
                        .as("first %d of %s", count, question).isEqualTo(fromMongo.subList(0, Math.min(count, fromMongo.size())));
            }
        }
    }

    @Test
    void aListShowsTheViewAtTheVersionTheIndexKnowsReadAgainOnlyWhenItChanged() {
        ProjectListIndex index = index();
        ProjectView view = new ProjectView();
        view.apply(new ProjectFiled("p-1", "youanmen", null, "屋顶防水", null, Category.HOUSING, List.of("HOUSE_LEAK"),
                Channel.HOTLINE, List.of(), BigDecimal.ONE, LocalDate.of(2024, 1, 1), null));
        view.stamp(0, 10, Instant.parse("2024-01-01T00:00:00Z"));
        List<List<String>> reads = new ArrayList<>();
        java.util.function.Function<List<String>, java.util.Collection<ProjectView>> read = ids -> {
            reads.add(ids);
            return List.of(mongo.template.findById(ids.get(0), ProjectView.class));
        };
        mongo.template.save(view);
        index.written(List.of(view), -1).run();

        assertThat(index.views(List.of("p-1"), read)).extracting(ProjectView::version).containsExactly(0L);
        assertThat(index.views(List.of("p-1"), read)).extracting(ProjectView::version).containsExactly(0L);
        assertThat(reads).as("the second list is served from memory").hasSize(1);

        view.apply(new ProjectApproved("p-1", "2024-1", "u", null, List.of("t"), LocalDate.of(2024, 1, 2), null));
        view.stamp(1, 11, Instant.parse("2024-01-02T00:00:00Z"));
        mongo.template.save(view);
        index.written(List.of(view), -1).run();
        assertThat(index.views(List.of("p-1"), read)).extracting(ProjectView::version).containsExactly(1L);
        assertThat(reads).as("a newer version is read again").hasSize(2);
    }

    /** An index outside a running application: it holds what it is told was written (generation -1). */
    private ProjectListIndex index() {
        return new ProjectListIndex(mongo.template, new cn.fengtai.pool.query.readmodel.ReadModels(mongo.template),
                new ProjectsProcessor(new org.springframework.beans.factory.support.StaticListableBeanFactory()
                        .getBeanProvider(org.axonframework.config.EventProcessingConfiguration.class)), true);
    }

    private static ProjectListIndex.Entry last(List<ProjectListIndex.Entry> entries, String id) {
        ProjectListIndex.Entry last = null;
        for (ProjectListIndex.Entry e : entries) if (e.id().equals(id)) last = e;
        return last;
    }
}
