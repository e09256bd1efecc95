package cn.fengtai.pool.command.project;

import cn.fengtai.pool.command.access.Actor;
import cn.fengtai.pool.command.project.ProjectCommands.*;
import cn.fengtai.pool.command.project.ProjectRefusals.*;
import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.events.project.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

import static cn.fengtai.pool.command.access.Role.DISTRICT;
import static cn.fengtai.pool.command.access.Role.FINANCE;
import static cn.fengtai.pool.events.ProjectStatus.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One livelihood project (民生实事项目), from filing to completion or cancellation. Each handler first checks who
 * asks (the actor from the command's metadata), then the rules; it answers the project's new version.
 */
@Aggregate(lockFactory = "aggregateLockFactory")
public class Project {

    @AggregateIdentifier
    private String projectId;
    private String street;
    private ProjectStatus status;
    private String currentBatch;
    private int progress;
    private BigDecimal funded = BigDecimal.ZERO;
    private final Set<String> summoned = new HashSet<>();
    private final Set<String> reportedIn = new HashSet<>();
    private boolean evaluated;

    protected Project() {
    }

    @CommandHandler
    public Project(FileProject c, MetaData meta) {
        Actor.from(meta).mustBeDistrictOrOfficeOf(c.street(), "file a project for " + c.street());
        KnownCodes.requireStreet(c.street());
        KnownCodes.requireIssueTypes(c.issueTypes());
        apply(new ProjectFiled(c.projectId(), c.street(), c.community(), c.title(), c.description(), c.category(),
                c.issueTypes(), c.channel(), c.appealRefs(), c.estimatedCost(), c.effectiveDate(), c.comment(), c.officeRef()));
    }

    @CommandHandler
    public long handle(ApproveProject c, MetaData meta) {
        Actor.from(meta).mustBe("approve projects", DISTRICT);
        if (status != FILED) throw new NotAwaitingReview(projectId, status);
        apply(new ProjectApproved(projectId, c.batch(), c.responsibleUnit(), c.deadline(), c.tasks(),
                c.effectiveDate(), c.comment()));
        return getVersion();
    }

    @CommandHandler
    public long handle(RejectProject c, MetaData meta) {
        Actor.from(meta).mustBe("reject projects", DISTRICT);
        if (status != FILED) throw new NotAwaitingReview(projectId, status);
        apply(new ProjectRejected(projectId, c.reason(), c.effectiveDate(), c.comment()));
        return getVersion();
    }

    @CommandHandler
    public long handle(RecordFunding c, MetaData meta) {
        Actor.from(meta).mustBe("fund projects", FINANCE);
        if (!status.isUnfinished()) throw new NotApproved(projectId, status, "funded");
        apply(new ProjectFunded(projectId, c.fund(), c.amount(), funded.add(c.amount()), c.effectiveDate(),
                c.comment()));
        return getVersion();
    }

    @CommandHandler
    public long handle(StartProject c, MetaData meta) {
        Actor.from(meta).mustBeOfficeOf(street, "start this project");
        if (status == IN_PROGRESS) throw new AlreadyStarted(projectId);
        if (!status.isUnfinished()) throw new NotApproved(projectId, status, "started");
        apply(new ProjectStarted(projectId, status == FUNDED, c.effectiveDate(), c.comment()));
        return getVersion();
    }

    @CommandHandler
    public long handle(ReportProgress c, MetaData meta) {
        Actor.from(meta).mustBeOfficeOrSummoned(street, summoned, "report progress on this project");
        if (c.percent() < 0 || c.percent() > 100) throw new ProgressOutOfRange(c.percent());
        if (status == COMPLETED) throw new AlreadyCompleted(projectId, "reporting progress");
        if (status != IN_PROGRESS) throw new NotStarted(projectId, status, "reporting progress");
        if (c.percent() < progress) throw new ProgressCannotGoBack(c.percent(), progress);
        apply(new ProjectProgressReported(projectId, c.percent(), c.note(), c.effectiveDate(), c.comment()));
        return getVersion();
    }

    @CommandHandler
    public long handle(SummonDepartments c, MetaData meta) {
        Actor.from(meta).mustBeOfficeOf(street, "summon departments to this project");
        if (!status.isUnfinished()) throw new NotApproved(projectId, status, "summoning departments");
        KnownCodes.requireDepartments(c.departments());
        apply(new DepartmentsSummoned(projectId, c.departments(), c.note(), c.effectiveDate(), c.comment()));
        return getVersion();
    }

    @CommandHandler
    public long handle(ReportIn c, MetaData meta) {
        Actor.from(meta).mustBeDepartment(c.department(), "report in for " + c.department());
        if (!summoned.contains(c.department())) throw new DepartmentNotSummoned(projectId, c.department());
        if (reportedIn.contains(c.department())) throw new AlreadyReportedIn(projectId, c.department());
        if (!status.isUnfinished()) throw new NotApproved(projectId, status, "reported in to");
        apply(new DepartmentReportedIn(projectId, c.department(), c.commitment(), c.effectiveDate(), c.comment()));
        return getVersion();
    }

    @CommandHandler
    public long handle(CompleteProject c, MetaData meta) {
        Actor.from(meta).mustBeOfficeOf(street, "complete this project");
        if (status == COMPLETED) throw new AlreadyCompleted(projectId, "completion");
        if (status != IN_PROGRESS) throw new NotStarted(projectId, status, "completion");
        apply(new ProjectCompleted(projectId, c.actualCost(), c.summary(), c.effectiveDate(), c.comment()));
        return getVersion();
    }

    @CommandHandler
    public long handle(EvaluateProject c, MetaData meta) {
        Actor.from(meta).mustBe("evaluate projects", DISTRICT);
        if (status != COMPLETED) throw new NotCompleted(projectId, status);
        if (evaluated) throw new AlreadyEvaluated(projectId);
        apply(new ProjectEvaluated(projectId, c.rating(), c.note(), c.effectiveDate(), c.comment()));
        return getVersion();
    }

    /** Answers the move, or null when a closing batch leaves this finished or already moved project behind. */
    @CommandHandler
    public CarriedOver handle(CarryOverProject c, MetaData meta) {
        Actor.from(meta).mustBe("carry projects over", DISTRICT);
        boolean leftBehind = !status.isUnfinished() || !currentBatch.equals(c.fromBatch());
        if (c.onClosure() && leftBehind) return null;
        if (!status.isUnfinished()) throw new NotCarriable(projectId, status);
        if (c.fromBatch() != null && !c.fromBatch().equals(currentBatch)) throw new NotOnBatch(projectId, c.fromBatch());
        if (c.toBatch().equals(currentBatch)) throw new SameBatch(projectId, currentBatch);
        String from = currentBatch;
        apply(new ProjectCarriedOver(projectId, from, c.toBatch(), c.reason(), c.effectiveDate(), c.comment()));
        return new CarriedOver(getVersion(), from);
    }

    public record CarriedOver(long version, String fromBatch) {
    }

    @CommandHandler
    public long handle(CancelProject c, MetaData meta) {
        Actor.from(meta).mustBe("cancel projects", DISTRICT);
        if (status != FILED && !status.isUnfinished()) throw new NotCancellable(projectId, status);
        apply(new ProjectCancelled(projectId, c.reason(), c.effectiveDate(), c.comment()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(ProjectFiled e) {
        projectId = e.projectId();
        street = e.street();
        status = FILED;
    }

    @EventSourcingHandler
    void on(ProjectApproved e) {
        status = APPROVED;
        currentBatch = e.batch();
    }

    @EventSourcingHandler
    void on(ProjectFunded e) {
        funded = e.totalFunded();
        if (status == APPROVED) status = FUNDED;
    }

    @EventSourcingHandler
    void on(ProjectCompleted e) {
        status = COMPLETED;
        progress = 100;
    }

    // One-line state changes.
    @EventSourcingHandler void on(ProjectRejected e) { status = REJECTED; }
    @EventSourcingHandler void on(ProjectStarted e) { status = IN_PROGRESS; }
    @EventSourcingHandler void on(ProjectProgressReported e) { progress = e.percent(); }
    @EventSourcingHandler void on(DepartmentsSummoned e) { summoned.addAll(e.departments()); }
    @EventSourcingHandler void on(DepartmentReportedIn e) { reportedIn.add(e.department()); }
    @EventSourcingHandler void on(ProjectEvaluated e) { evaluated = true; }
    @EventSourcingHandler void on(ProjectCarriedOver e) { currentBatch = e.toBatch(); }
    @EventSourcingHandler void on(ProjectCancelled e) { status = CANCELLED; }
}
