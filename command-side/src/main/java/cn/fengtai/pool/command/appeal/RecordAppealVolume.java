package cn.fengtai.pool.command.appeal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Records how many appeals of one issue type one street received in one month ({@code YYYY-MM}). */
public record RecordAppealVolume(String street, String issueType, String month, int count, LocalDate effectiveDate,
                                 String comment) {

    /** One stream per street, issue type and month, so a correction lands beside the value it corrects. */
    @TargetAggregateIdentifier
    public String volumeId() {
        return AppealVolume.idOf(street, issueType, month);
    }
}
