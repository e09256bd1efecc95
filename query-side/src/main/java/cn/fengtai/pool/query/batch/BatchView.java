package cn.fengtai.pool.query.batch;

import cn.fengtai.pool.events.batch.BatchClosed;
import cn.fengtai.pool.events.batch.BatchCreated;
import cn.fengtai.pool.events.batch.BatchPublished;
import cn.fengtai.pool.events.batch.ProjectListed;
import cn.fengtai.pool.query.readmodel.VersionedView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.LocalDate;

/** A batch list: its name, year and state. Which projects are on it is read from the project views. */
@Document("batches")
public class BatchView extends VersionedView {

    @Id
    private String id;
    private String name;
    private int year;
    private String status;
    private LocalDate createdOn;
    private LocalDate publishedOn;
    private LocalDate closedOn;
    private String carryOverTo;

    public void apply(Object event) {
        if (event instanceof BatchCreated e) {
            id = e.batchId();
            name = e.name();
            year = e.year();
            status = "OPEN";
            createdOn = e.effectiveDate();
        } else if (event instanceof BatchPublished e) {
            status = "PUBLISHED";
            publishedOn = e.effectiveDate();
        } else if (event instanceof BatchClosed e) {
            status = "CLOSED";
            closedOn = e.effectiveDate();
            carryOverTo = e.carryOverTo();
        } else if (!(event instanceof ProjectListed)) {
            throw new IllegalArgumentException("not a batch event: " + event.getClass().getName());
        }
    }

    public String id() { return id; }
    public String name() { return name; }
    public int year() { return year; }
    public String status() { return status; }
    public LocalDate createdOn() { return createdOn; }
    public LocalDate publishedOn() { return publishedOn; }
    public LocalDate closedOn() { return closedOn; }
    public String carryOverTo() { return carryOverTo; }
}
