package cn.fengtai.pool.query.appeal;

import cn.fengtai.pool.events.appeal.AppealVolumeRecorded;
import cn.fengtai.pool.query.readmodel.Versioned;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** The latest recorded appeal count of one street, issue type and month. */
@Document("appeal_volumes")
public class AppealVolumeView implements Versioned {

    @Id
    private String id;
    private String street;
    private String issueType;
    private String month;
    private int count;
    private long version = -1;
    private long position = -1;
    private Instant updatedAt;

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
        version = sequence;
        position = globalPosition;
        updatedAt = recordedAt;
    }

    public String street() { return street; }
    public String issueType() { return issueType; }
    public String month() { return month; }
    public int count() { return count; }
    @Override
    public long version() { return version; }
}
