package cn.fengtai.pool.events.appeal;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The number of appeals (诉求) of one issue type in one street in one month ({@code YYYY-MM}). Recording the same key
 * again corrects it; {@code previousCount} keeps the value it replaced (null the first time).
 */
@Revision("1")
public record AppealVolumeRecorded(String street, String issueType, String month, int count, Integer previousCount,
                                   LocalDate effectiveDate, String comment) {
}
