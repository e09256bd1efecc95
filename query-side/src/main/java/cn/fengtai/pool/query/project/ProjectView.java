package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.events.project.*;
import cn.fengtai.pool.query.readmodel.VersionedView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A project as frontends see it, folded from its events. The same fold serves the live read model and the as-of
 * views an auditor asks for, so the two can never disagree about what an event means.
 */
@Document("projects")
public class ProjectView extends VersionedView {

    @Id
    private String id;
    private String street;
    private String community;
    private String officeRef;
    private String title;
    private String description;
    private String category;
    private List<String> issueTypes = new ArrayList<>();
    private String channel;
    private List<String> appealRefs = new ArrayList<>();
    private BigDecimal estimatedCost;
    private ProjectStatus status;
    private List<String> batches = new ArrayList<>();
    private String currentBatch;
    private String responsibleUnit;
    private LocalDate deadline;
    private List<String> tasks = new ArrayList<>();
    private BigDecimal fundedAmount = BigDecimal.ZERO;
    private List<Funding> fundings = new ArrayList<>();
    private BigDecimal actualCost;
    private String summary;
    private int progress;
    private List<DepartmentView> departments = new ArrayList<>();
    private String rating;
    private String reason;
    private Boolean fundedAtStart;
    private LocalDate filedOn;
    private LocalDate completedOn;
    private Instant filedAt;

    /** Applies one event of this project; answers false when the event is not a project event. */
    public boolean apply(Object event) {
        if (event instanceof ProjectFiled e) {
            id = e.projectId();
            street = e.street();
            community = e.community();
            officeRef = e.officeRef();
            title = e.title();
            description = e.description();
            category = e.category() == null ? null : e.category().name();
            issueTypes = e.issueTypes() == null ? new ArrayList<>() : new ArrayList<>(e.issueTypes());
            channel = e.channel() == null ? null : e.channel().name();
            appealRefs = e.appealRefs() == null ? new ArrayList<>() : new ArrayList<>(e.appealRefs());
            estimatedCost = e.estimatedCost();
            status = ProjectStatus.FILED;
            filedOn = e.effectiveDate();
        } else if (event instanceof ProjectApproved e) {
            status = ProjectStatus.APPROVED;
            batches.add(e.batch());
            currentBatch = e.batch();
            responsibleUnit = e.responsibleUnit();
            deadline = e.deadline();
            tasks = e.tasks() == null ? new ArrayList<>() : new ArrayList<>(e.tasks());
        } else if (event instanceof ProjectRejected e) {
            status = ProjectStatus.REJECTED;
            reason = e.reason();
        } else if (event instanceof ProjectFunded e) {
            fundedAmount = e.totalFunded();
            fund(e.fund(), e.amount());
            if (status == ProjectStatus.APPROVED) status = ProjectStatus.FUNDED;
        } else if (event instanceof ProjectStarted e) {
            fundedAtStart = e.funded();
            status = ProjectStatus.IN_PROGRESS;
        } else if (event instanceof ProjectProgressReported e) {
            progress = e.percent();
        } else if (event instanceof DepartmentsSummoned e) {
            (e.departments() == null ? List.<String>of() : e.departments()).stream()
                    .filter(code -> departments.stream().noneMatch(d -> Objects.equals(d.department(), code)))
                    .forEach(code -> departments.add(new DepartmentView(code, e.effectiveDate(), e.note(), false, null, null)));
        } else if (event instanceof DepartmentReportedIn e) {
            departments.replaceAll(d -> Objects.equals(d.department(), e.department())
                    ? d.reportIn(e.effectiveDate(), e.commitment()) : d);
        } else if (event instanceof ProjectCompleted e) {
            status = ProjectStatus.COMPLETED;
            progress = 100;
            actualCost = e.actualCost();
            summary = e.summary();
            completedOn = e.effectiveDate();
        } else if (event instanceof ProjectEvaluated e) {
            rating = e.rating() == null ? null : e.rating().name();
        } else if (event instanceof ProjectCarriedOver e) {
            batches.add(e.toBatch());
            currentBatch = e.toBatch();
        } else if (event instanceof ProjectCancelled e) {
            status = ProjectStatus.CANCELLED;
            reason = e.reason();
        } else {
            return false;
        }
        return true;
    }

    private void fund(String fund, BigDecimal amount) {
        for (int i = 0; i < fundings.size(); i++) {
            if (Objects.equals(fundings.get(i).fund(), fund)) {
                fundings.set(i, fundings.get(i).plus(amount));
                return;
            }
        }
        fundings.add(new Funding(fund, amount == null ? BigDecimal.ZERO : amount));
    }

    /** Records which stored event this view now reflects. */
    @Override
    public void stamp(long sequence, long globalPosition, Instant recordedAt) {
        super.stamp(sequence, globalPosition, recordedAt);
        if (sequence == 0) filedAt = recordedAt;
    }

    /** Deadline passed and the work neither done nor called off. */
    public boolean overdue(LocalDate today) {
        return overdue(deadline, status, today);
    }

    /** Past its deadline and neither completed nor called off: one rule for views and list entries. */
    static boolean overdue(LocalDate deadline, ProjectStatus status, LocalDate today) {
        return deadline != null && deadline.isBefore(today) && status != null && status.isUnfinished();
    }

    public boolean carriedOver() {
        return batches.size() > 1;
    }

    public String id() { return id; }
    public String street() { return street; }
    public String community() { return community; }
    public String officeRef() { return officeRef; }
    public String title() { return title; }
    public String description() { return description; }
    public String category() { return category; }
    public List<String> issueTypes() { return issueTypes; }
    public String channel() { return channel; }
    public List<String> appealRefs() { return appealRefs; }
    public BigDecimal estimatedCost() { return estimatedCost; }
    public ProjectStatus status() { return status; }
    public List<String> batches() { return batches; }
    public String currentBatch() { return currentBatch; }
    public String responsibleUnit() { return responsibleUnit; }
    public LocalDate deadline() { return deadline; }
    public List<String> tasks() { return tasks; }
    public BigDecimal fundedAmount() { return fundedAmount; }
    public BigDecimal actualCost() { return actualCost; }
    public String summary() { return summary; }
    public int progress() { return progress; }
    public List<DepartmentView> departments() { return departments; }
    public String rating() { return rating; }
    public String reason() { return reason; }
    public Boolean fundedAtStart() { return fundedAtStart; }
    public LocalDate filedOn() { return filedOn; }
    public LocalDate completedOn() { return completedOn; }
    public Instant filedAt() { return filedAt; }
    /** Per fund, what it allocated to this project. */
    public List<Funding> fundings() { return fundings; }
}
