package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.Rating;
import cn.fengtai.pool.events.project.DepartmentReportedIn;
import cn.fengtai.pool.events.project.DepartmentsSummoned;
import cn.fengtai.pool.events.project.ProjectApproved;
import cn.fengtai.pool.events.project.ProjectCancelled;
import cn.fengtai.pool.events.project.ProjectCompleted;
import cn.fengtai.pool.events.project.ProjectEvaluated;
import cn.fengtai.pool.events.project.ProjectFiled;
import cn.fengtai.pool.events.project.ProjectFunded;
import cn.fengtai.pool.events.project.ProjectStarted;
import org.bson.Document;
import org.bson.types.ObjectId;
import cn.fengtai.pool.query.readmodel.ReadModelConversions;
import org.springframework.data.mongodb.core.convert.MongoConverter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A project view as Spring Data's converter writes it, field by field: the converter's reflection was a fifth of the
 * project projection's time in a rebuild (JFR, docs/benchmarks.md). Spring's conventions are the converter's: nulls
 * left out, {@code _id} an ObjectId where the text is one, days and amounts as text ({@link ReadModelConversions}),
 * {@code _class} last. Whether this writes what the application's converter writes is checked once
 * ({@link #writesAs}) with a view that has every field set; where it does not (a converter configured otherwise), the
 * converter writes.
 */
public final class ProjectDocument {

    private ProjectDocument() {
    }

    static Document of(ProjectView view) {
        Document document = new Document();
        put(document, "_id", view.id() != null && ObjectId.isValid(view.id()) ? new ObjectId(view.id()) : view.id());
        put(document, "street", view.street());
        put(document, "community", view.community());
        put(document, "title", view.title());
        put(document, "description", view.description());
        put(document, "category", view.category());
        put(document, "issueTypes", copy(view.issueTypes()));
        put(document, "channel", view.channel());
        put(document, "appealRefs", copy(view.appealRefs()));
        put(document, "estimatedCost", amount(view.estimatedCost()));
        put(document, "status", view.status() == null ? null : view.status().name());
        put(document, "batches", copy(view.batches()));
        put(document, "currentBatch", view.currentBatch());
        put(document, "responsibleUnit", view.responsibleUnit());
        put(document, "deadline", date(view.deadline()));
        put(document, "tasks", copy(view.tasks()));
        put(document, "fundedAmount", amount(view.fundedAmount()));
        put(document, "actualCost", amount(view.actualCost()));
        put(document, "summary", view.summary());
        document.put("progress", view.progress());
        put(document, "departments", departments(view.departments()));
        put(document, "rating", view.rating());
        put(document, "reason", view.reason());
        put(document, "fundedAtStart", view.fundedAtStart());
        put(document, "filedOn", date(view.filedOn()));
        put(document, "completedOn", date(view.completedOn()));
        put(document, "filedAt", date(view.filedAt()));
        document.put("version", view.version());
        document.put("position", view.position());
        put(document, "updatedAt", date(view.updatedAt()));
        document.put("_class", ProjectView.class.getName());
        return document;
    }

    /** Whether {@link #of} writes what {@code converter} writes, down to the order of the fields. */
    public static boolean writesAs(MongoConverter converter) {
        ProjectView view = everyFieldSet();
        Document expected = new Document();
        converter.write(view, expected);
        return same(expected, of(view));
    }

    private static ProjectView everyFieldSet() {
        String id = "p-sample";
        LocalDate day = LocalDate.of(2024, 4, 1);
        ProjectView view = new ProjectView();
        view.apply(new ProjectFiled(id, "street", "community", "title", "description", Category.HOUSING,
                List.of("HOUSE_LEAK"), Channel.HOTLINE, List.of("appeal"), new BigDecimal("86000.50"), day, null));
        view.apply(new ProjectApproved(id, "2024-1", "unit", day.plusMonths(2), List.of("task"), day, null));
        view.apply(new ProjectFunded(id, "2024", new BigDecimal("1000.00"), new BigDecimal("1000.00"), day, null));
        view.apply(new ProjectStarted(id, true, day, null));
        view.apply(new DepartmentsSummoned(id, List.of("d1", "d2"), "note", day, null));
        view.apply(new DepartmentReportedIn(id, "d1", "commitment", day, null));
        view.apply(new ProjectCompleted(id, new BigDecimal("900.00"), "summary", day.plusDays(9), null));
        view.apply(new ProjectEvaluated(id, Rating.GOOD, "note", day.plusDays(10), null));
        view.apply(new ProjectCancelled(id, "reason", day.plusDays(11), null));
        view.stamp(0, 7, Instant.parse("2024-04-01T08:00:00.123Z"));
        return view;
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
            if (!List.copyOf(a.keySet()).equals(List.copyOf(b.keySet()))) return false;
            return a.keySet().stream().allMatch(key -> same(a.get(key), b.get(key)));
        }
        if (expected instanceof List<?> a && actual instanceof List<?> b) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!same(a.get(i), b.get(i))) return false;
            return true;
        }
        return expected != null && actual != null && expected.getClass() == actual.getClass()
                && Objects.equals(expected, actual);
    }

    private static List<Document> departments(List<DepartmentView> departments) {
        List<Document> documents = new ArrayList<>(departments.size());
        for (DepartmentView department : departments) {
            Document document = new Document();
            put(document, "department", department.department());
            put(document, "summonedOn", date(department.summonedOn()));
            put(document, "note", department.note());
            document.put("reportedIn", department.reportedIn());
            put(document, "reportedInOn", date(department.reportedInOn()));
            put(document, "commitment", department.commitment());
            documents.add(document);
        }
        return documents;
    }

    private static List<String> copy(List<String> values) {
        return values == null ? null : new ArrayList<>(values);
    }

    private static String date(LocalDate day) {
        return ReadModelConversions.day(day);
    }

    private static String amount(BigDecimal amount) {
        return amount == null ? null : amount.toString();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static void put(Document document, String field, Object value) {
        if (value != null) document.put(field, value);
    }
}
