package cn.fengtai.pool.command.batch;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** What can be asked of a batch list. */
public final class BatchCommands {

    /** What a batch id looks like: the year, a dash, the batch's number or name in it. */
    public static final String BATCH_ID = "[0-9]{4}-[0-9A-Za-z]{1,16}";

    private BatchCommands() {
    }

    public record CreateBatch(@TargetAggregateIdentifier String batchId, String name, int year,
                              LocalDate effectiveDate, String comment) {
    }

    public record PublishBatch(@TargetAggregateIdentifier String batchId, LocalDate effectiveDate, String comment) {
    }

    public record CloseBatch(@TargetAggregateIdentifier String batchId, String carryOverTo, LocalDate effectiveDate,
                             String comment) {
    }

    /** Puts a project on the list, by approval or (with {@code carriedOverFrom}) by carry-over. */
    public record ListProject(@TargetAggregateIdentifier String batchId, String projectId, String carriedOverFrom,
                              LocalDate effectiveDate, String comment) {
    }
}
