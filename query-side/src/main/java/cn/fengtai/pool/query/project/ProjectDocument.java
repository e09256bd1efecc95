package cn.fengtai.pool.query.project;

import cn.fengtai.pool.query.readmodel.ReadModelConversions;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.WritingConverter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * How Spring Data writes a project view, registered as its converter ({@code QueryConfiguration}): field by field
 * instead of by reflection, because the projects projection writes a view for every project a batch touches
 * (docs/benchmarks.md). The documents are those the mapping would write (nulls left out, {@code _id} an ObjectId where
 * the text is one, days and amounts as text by {@link ReadModelConversions}, {@code _class} last), so Spring Data reads
 * them back by its mapping; {@code ProjectDocumentTest} proves the round trip.
 */
@WritingConverter
public enum ProjectDocument implements Converter<ProjectView, Document> {
    INSTANCE;

    @Override
    public Document convert(ProjectView view) {
        return of(view);
    }

    static Document of(ProjectView view) {
        Document document = new Document();
        put(document, "_id", view.id() != null && ObjectId.isValid(view.id()) ? new ObjectId(view.id()) : view.id());
        put(document, "street", view.street());
        put(document, "community", view.community());
        put(document, "officeRef", view.officeRef());
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
        put(document, "fundings", fundings(view.fundings()));
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

    private static List<Document> fundings(List<Funding> fundings) {
        List<Document> documents = new ArrayList<>(fundings.size());
        for (Funding funding : fundings) {
            Document document = new Document();
            put(document, "fund", funding.fund());
            put(document, "amount", amount(funding.amount()));
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
