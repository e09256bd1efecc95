package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.Rating;
import cn.fengtai.pool.events.project.*;
import cn.fengtai.pool.query.readmodel.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Project views are written by their registered converter ({@link ProjectDocument}) and read back by Spring Data's
 * mapping into the same view, at every step of varied lives; days and amounts are stored as text.
 */
class ProjectDocumentTest {

    private final EmbeddedMongo mongo = new EmbeddedMongo();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void viewsAtEveryStepOfVariedLivesAreReadBackAsTheyWereWritten() {
        Random random = new Random(20261130);
        for (int project = 0; project < 200; project++) {
            String id = project % 10 == 0 ? "65a1f0c2e4b0a1b2c3d4e5f" + (project % 10) : "p-" + project;
            ProjectView view = new ProjectView();
            List<Object> life = life(id, random);
            for (int i = 0; i < life.size(); i++) {
                view.apply(life.get(i));
                view.stamp(i, 1000L * project + i, Instant.parse("2024-04-01T08:00:00Z").plusMillis(random.nextInt(1_000_000)));
                mongo.template.save(view, "projects");
                ProjectView read = mongo.template.findById(id, ProjectView.class, "projects");
                assertThat(read).as("%s after %s", id, life.get(i)).usingRecursiveComparison().isEqualTo(view);
            }
        }
    }

    @Test
    void theConverterIsTheOneSpringDataWritesWith() {
        ProjectView view = new ProjectView();
        view.apply(life("p-1", new Random(1)).get(0));
        Document written = new Document();
        mongo.template.getConverter().write(view, written);
        assertThat(written).isEqualTo(ProjectDocument.INSTANCE.convert(view));
        assertThat(written.get("filedOn")).isInstanceOf(String.class);
        assertThat(written.get("estimatedCost")).isInstanceOf(String.class);
    }

    private static List<Object> life(String id, Random random) {
        LocalDate day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365));
        List<Object> events = new ArrayList<>();
        events.add(new ProjectFiled(id, "youanmen", random.nextBoolean() ? "社区" : null, "title",
                random.nextBoolean() ? null : "description", Category.HOUSING, List.of("HOUSE_LEAK", "PARKING"),
                random.nextBoolean() ? Channel.HOTLINE : null, random.nextBoolean() ? List.of() : List.of("12345-1"),
                new BigDecimal(random.nextInt(1_000_000) + ".5" + random.nextInt(10)), day, null));
        if (random.nextInt(5) == 0) {
            events.add(new ProjectRejected(id, "not a livelihood project", day, null));
            return events;
        }
        events.add(new ProjectApproved(id, "2024-1", "unit", day.plusMonths(3), List.of("a", "b"), day, null));
        if (random.nextBoolean()) events.add(new ProjectFunded(id, "2024", new BigDecimal("1000"), new BigDecimal("1000"), day, null));
        events.add(new ProjectStarted(id, random.nextBoolean(), day.plusDays(1), null));
        if (random.nextBoolean()) {
            events.add(new DepartmentsSummoned(id, List.of("d1", "d2"), random.nextBoolean() ? "note" : null, day, null));
            events.add(new DepartmentReportedIn(id, "d2", random.nextBoolean() ? "commitment" : null, day.plusDays(2), null));
        }
        events.add(new ProjectProgressReported(id, random.nextInt(100), "note", day.plusDays(3), null));
        switch (random.nextInt(3)) {
            case 0 -> events.add(new ProjectCarriedOver(id, "2024-1", "2024-2", "late", day.plusDays(90), null));
            case 1 -> events.add(new ProjectCancelled(id, "moved away", day.plusDays(5), null));
            default -> {
                events.add(new ProjectCompleted(id, new BigDecimal("990.10"), "done", day.plusDays(20), null));
                events.add(new ProjectEvaluated(id, Rating.EXCELLENT, "good", day.plusDays(30), null));
            }
        }
        return events;
    }
}
