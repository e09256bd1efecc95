package cn.fengtai.pool.command.appeal;

import cn.fengtai.pool.command.access.Actor;
import cn.fengtai.pool.command.refusal.Refusal;
import cn.fengtai.pool.events.appeal.AppealVolumeRecorded;
import cn.fengtai.pool.events.reference.ReferenceCodes;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static cn.fengtai.pool.command.access.Role.DISTRICT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * The appeal count (诉求量) of one street, issue type and month: the measure of whether the projects worked.
 * Recording it again corrects it; the history keeps both values.
 */
@Aggregate(lockFactory = "aggregateLockFactory")
public class AppealVolume {

    @AggregateIdentifier
    private String volumeId;
    private Integer count;

    protected AppealVolume() {
    }

    static String idOf(String street, String issueType, String month) {
        return street + ":" + issueType + ":" + month;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RecordAppealVolume c, MetaData meta) {
        Actor.from(meta).mustBe("record appeal volumes", DISTRICT);
        if (!ReferenceCodes.isStreet(c.street())) throw new UnknownCode("street", c.street());
        if (!ReferenceCodes.isIssueType(c.issueType())) throw new UnknownCode("issue type", c.issueType());
        if (c.count() < 0) throw new NegativeCount(c.count());
        apply(new AppealVolumeRecorded(c.street(), c.issueType(), c.month(), c.count(), count, c.effectiveDate(),
                c.comment()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(AppealVolumeRecorded e) {
        volumeId = idOf(e.street(), e.issueType(), e.month());
        count = e.count();
    }

    public static final class UnknownCode extends Refusal {
        UnknownCode(String what, String code) {
            super(Kind.INVALID_INPUT, "'" + code + "' is not a known " + what,
                    "“" + code + "”不是已知的" + (what.equals("street") ? "街镇" : "诉求类型"));
        }
    }

    public static final class NegativeCount extends Refusal {
        NegativeCount(int count) {
            super(Kind.INVALID_INPUT, "an appeal count cannot be negative: " + count, "诉求量不能为负数：" + count);
        }
    }
}
