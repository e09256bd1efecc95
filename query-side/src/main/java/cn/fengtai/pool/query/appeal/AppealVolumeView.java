package cn.fengtai.pool.query.appeal;

import cn.fengtai.pool.events.appeal.AppealVolumeRecorded;
import cn.fengtai.pool.query.readmodel.VersionedView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;


/** The latest recorded appeal count of one street, issue type and month. */
@Document("appeal_volumes")
public class AppealVolumeView extends VersionedView {

    @Id
    private String id;
    private String street;
    private String issueType;
    private String month;
    private int count;

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

    public String street() { return street; }
    public String issueType() { return issueType; }
    public String month() { return month; }
    public int count() { return count; }
}
