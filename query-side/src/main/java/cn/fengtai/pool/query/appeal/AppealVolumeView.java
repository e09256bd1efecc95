package cn.fengtai.pool.query.appeal;

import cn.fengtai.pool.events.appeal.AppealVolumeRecorded;
import cn.fengtai.pool.query.readmodel.VersionedView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest recorded appeal count of one street, issue type and month, and every count recorded before it with its
 * time: a count can be corrected, and the trends at a past instant use the count recorded by then.
 */
@Document("appeal_volumes")
public class AppealVolumeView extends VersionedView {

    /** One recording of the count. */
    public record Recorded(int count, Instant recordedAt) {
    }

    @Id
    private String id;
    private String street;
    private String issueType;
    private String month;
    private int count;
    private List<Recorded> history = new ArrayList<>();

    public void apply(Object event) {
        if (!(event instanceof AppealVolumeRecorded e)) {
            throw new IllegalArgumentException("not an appeal volume event: " + event.getClass().getName());
        }
        id = e.street() + ":" + e.issueType() + ":" + e.month();
        street = e.street();
        issueType = e.issueType();
        month = e.month();
        count = e.count();
    }

    @Override
    public void stamp(long sequence, long globalPosition, Instant recordedAt) {
        super.stamp(sequence, globalPosition, recordedAt);
        history.add(new Recorded(count, recordedAt));
    }

    /** The count as recorded at that instant; null when none had been recorded yet. */
    public Integer countAt(Instant instant) {
        if (history.isEmpty()) {
            // kept before the history was (a rebuild fills it in): only the latest count is known
            return updatedAt() != null && !updatedAt().isAfter(instant) ? count : null;
        }
        Integer at = null;
        for (Recorded recorded : history) {
            if (!recorded.recordedAt().isAfter(instant)) at = recorded.count();
        }
        return at;
    }

    public String street() { return street; }
    public String issueType() { return issueType; }
    public String month() { return month; }
    public int count() { return count; }
}
