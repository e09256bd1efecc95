package cn.fengtai.pool.command.project;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.Rating;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What can be asked of a project. Every command carries the business date it takes effect and a comment. */
public final class ProjectCommands {

    private ProjectCommands() {
    }

    public record FileProject(@TargetAggregateIdentifier String projectId, String street, String community,
                              String title, String description, Category category, List<String> issueTypes,
                              Channel channel, List<String> appealRefs, BigDecimal estimatedCost,
                              LocalDate effectiveDate, String comment, String officeRef) {
    }

    public record ApproveProject(@TargetAggregateIdentifier String projectId, String batch, String responsibleUnit,
                                 LocalDate deadline, List<String> tasks, LocalDate effectiveDate, String comment) {
    }

    public record RejectProject(@TargetAggregateIdentifier String projectId, String reason, LocalDate effectiveDate,
                                String comment) {
    }

    public record RecordFunding(@TargetAggregateIdentifier String projectId, String fund, BigDecimal amount,
                                LocalDate effectiveDate, String comment) {
    }

    public record StartProject(@TargetAggregateIdentifier String projectId, LocalDate effectiveDate, String comment) {
    }

    public record ReportProgress(@TargetAggregateIdentifier String projectId, int percent, String note,
                                 LocalDate effectiveDate, String comment) {
    }

    public record SummonDepartments(@TargetAggregateIdentifier String projectId, List<String> departments,
                                    String note, LocalDate effectiveDate, String comment) {
    }

    public record ReportIn(@TargetAggregateIdentifier String projectId, String department, String commitment,
                           LocalDate effectiveDate, String comment) {
    }

    public record CompleteProject(@TargetAggregateIdentifier String projectId, BigDecimal actualCost, String summary,
                                  LocalDate effectiveDate, String comment) {
    }

    public record EvaluateProject(@TargetAggregateIdentifier String projectId, Rating rating, String note,
                                  LocalDate effectiveDate, String comment) {
    }

    /**
     * Moves the project from its current batch onto {@code toBatch}. When {@code onClosure} is set the batch it is
     * on is being closed: a finished project then simply stays behind instead of refusing.
     */
    public record CarryOverProject(@TargetAggregateIdentifier String projectId, String fromBatch, String toBatch,
                                   String reason, boolean onClosure, LocalDate effectiveDate, String comment) {
    }

    public record CancelProject(@TargetAggregateIdentifier String projectId, String reason, LocalDate effectiveDate,
                                String comment) {
    }
}
