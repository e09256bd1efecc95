package cn.fengtai.pool.standalone;

import cn.fengtai.pool.command.project.ProjectIds;
import cn.fengtai.pool.events.ActorMetaData;
import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.batch.BatchClosed;
import cn.fengtai.pool.events.batch.BatchCreated;
import cn.fengtai.pool.events.batch.BatchPublished;
import cn.fengtai.pool.events.batch.ProjectListed;
import cn.fengtai.pool.events.format.EventJson;
import cn.fengtai.pool.events.fund.FundAllocated;
import cn.fengtai.pool.events.fund.FundCreated;
import cn.fengtai.pool.events.project.*;
import cn.fengtai.pool.events.reference.ReferenceCodes;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A synthetic history of a district for the rebuild benchmark, written straight into the event table with JDBC
 * batches (the same serializer and metadata the application writes, so the application reads it as its own). Projects
 * go through their whole life interleaved, a few hundred at a time as in a real pool: filed, mostly approved onto the
 * batch of their half-year (listed there), funded from the year's fund, started, departments summoned and reporting
 * in, progress, completion; some are rejected, some carried over to the next batch. Fixed seed: the same store each run.
 */
final class EventGenerator {

    private static final List<String> STREETS = List.copyOf(ReferenceCodes.streets().keySet());
    private static final List<String> ISSUES = List.copyOf(ReferenceCodes.issueTypes().keySet());
    private static final List<String> DEPARTMENTS = List.copyOf(ReferenceCodes.departments().keySet());
    private static final int ACTIVE = 400;
    private static final int PROJECTS_PER_BATCH = 2_000;

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build();
    private final Random random = new Random(12345);
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<Object[]> pending = new ArrayList<>();
    private Instant clock = Instant.parse("2012-01-01T01:00:00Z");
    private long written;

    /** Writes about {@code events} events (a little more: the last projects finish their life). */
    long generate(Connection connection, long events) throws Exception {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry (event_identifier, "
                + "aggregate_identifier, sequence_number, type, payload_type, payload_revision, time_stamp, payload, "
                + "meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            List<List<Object[]>> active = new ArrayList<>();
            while (written + pending.size() < events || !active.isEmpty()) {
                while (active.size() < ACTIVE && written + pending.size() < events) active.add(life());
                int pick = random.nextInt(active.size());
                List<Object[]> life = active.get(pick);
                Object[] next = life.remove(0);
                append(insert, (String) next[0], (String) next[1], next[2], (String) next[3]);
                if (life.isEmpty()) active.remove(pick);
            }
            flush(insert);
        }
        connection.commit();
        return written;
    }

    /** One project's events: {aggregateType, aggregateId, event, actor}. Listing events go to the batch. */
    private List<Object[]> life() {
        // As the application names a project it files (ProjectIds): in filing order, which is what the read model's
        // store sees in production, and not random.
        String id = ProjectIds.filedAt(clock);
        String street = STREETS.get(random.nextInt(STREETS.size()));
        String streetUser = "street." + street;
        Category category = Category.values()[random.nextInt(Category.values().length)];
        List<String> issues = List.of(ISSUES.get(random.nextInt(ISSUES.size())));
        LocalDate day = LocalDate.ofInstant(clock, ZoneOffset.UTC);
        List<Object[]> life = new ArrayList<>();
        life.add(project(id, new ProjectFiled(id, street, "社区" + random.nextInt(40), "民生项目" + random.nextInt(10_000),
                "居民反映的问题", category, issues, Channel.HOTLINE, List.of(), new BigDecimal(10_000 + random.nextInt(90_000)),
                day, null), streetUser));
        if (random.nextInt(10) == 0) {
            life.add(project(id, new ProjectRejected(id, "不属于民生项目", day, "复审未通过"), "district"));
            return life;
        }
        // The batch is decided when the approval is written (resolveBatches): lives are interleaved.
        String onBatch = "pending";
        life.add(project(id, new ProjectApproved(id, onBatch, "街道", day.plusMonths(6), List.of("实施"), day, null), "district"));
        life.add(new Object[]{"Batch", onBatch, new ProjectListed(onBatch, id, null, day, null), "district"});
        BigDecimal amount = new BigDecimal(5_000 + random.nextInt(50_000));
        String fund = String.valueOf(day.getYear());
        life.add(project(id, new ProjectFunded(id, fund, amount, amount, day, null), "finance"));
        life.add(new Object[]{"Fund", fund, new FundAllocated(fund, id, amount, new BigDecimal("1000000000"), day, null), "finance"});
        life.add(project(id, new ProjectStarted(id, true, day, null), streetUser));
        String department = DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
        life.add(project(id, new DepartmentsSummoned(id, List.of(department), "协调会", day, null), streetUser));
        life.add(project(id, new DepartmentReportedIn(id, department, "配合实施", day, null), "dept." + department));
        life.add(project(id, new ProjectProgressReported(id, 50, "过半", day, null), streetUser));
        if (random.nextInt(8) == 0) {
            String next = "next";
            life.add(project(id, new ProjectCarriedOver(id, onBatch, next, "跨批次实施", day, null), "district"));
            life.add(new Object[]{"Batch", next, new ProjectListed(next, id, onBatch, day, null), "district"});
        }
        life.add(project(id, new ProjectCompleted(id, amount, "完成", day, null), streetUser));
        return life;
    }

    private static Object[] project(String id, Object event, String actor) {
        return new Object[]{"Project", id, event, actor};
    }

    private static String batchId(int number) {
        return (2012 + (number - 1) / 2) + "-" + (1 + (number - 1) % 2);
    }

    private void append(PreparedStatement insert, String type, String id, Object event, String actor) throws Exception {
        // Batches fill up in the order approvals are written; batches and funds are created with their first use.
        if ("Batch".equals(type) || event instanceof ProjectApproved || event instanceof ProjectCarriedOver) {
            event = resolveBatches(event);
            if ("Batch".equals(type)) id = ((ProjectListed) event).batchId();
        }
        if ("Batch".equals(type) && !sequences.containsKey(id)) {
            write(insert, "Batch", id, new BatchCreated(id, id + " 批次", Integer.parseInt(id.substring(0, 4)), day(), null), "district");
            write(insert, "Batch", id, new BatchPublished(id, day(), null), "district");
        }
        if ("Fund".equals(type) && !sequences.containsKey(id)) {
            write(insert, "Fund", id, new FundCreated(id, Integer.parseInt(id), new BigDecimal("1000000000"), day(), null), "finance");
        }
        write(insert, type, id, event, actor);
    }

    private final Map<String, String> projectBatch = new HashMap<>();
    private int resolvedBatch = 1;
    private int listedOnResolved;

    private Object resolveBatches(Object event) {
        if (event instanceof ProjectApproved e) {
            if (listedOnResolved >= PROJECTS_PER_BATCH) {
                resolvedBatch++;
                listedOnResolved = 0;
            }
            listedOnResolved++;
            String b = batchId(resolvedBatch);
            projectBatch.put(e.projectId(), b);
            return new ProjectApproved(e.projectId(), b, e.responsibleUnit(), e.deadline(), e.tasks(), e.effectiveDate(), e.comment());
        }
        if (event instanceof ProjectListed e) {
            String b = projectBatch.get(e.projectId());
            if (e.carriedOverFrom() != null) {
                String from = b;
                b = batchId(Integer.parseInt(from.substring(0, 4)) * 2 - 2012 * 2 + Integer.parseInt(from.substring(5)) + 1);
                projectBatch.put(e.projectId(), b);
                return new ProjectListed(b, e.projectId(), from, e.effectiveDate(), e.comment());
            }
            return new ProjectListed(b, e.projectId(), null, e.effectiveDate(), e.comment());
        }
        ProjectCarriedOver e = (ProjectCarriedOver) event;
        String from = projectBatch.get(e.projectId());
        String to = batchId(Integer.parseInt(from.substring(0, 4)) * 2 - 2012 * 2 + Integer.parseInt(from.substring(5)) + 1);
        return new ProjectCarriedOver(e.projectId(), from, to, e.reason(), e.effectiveDate(), e.comment());
    }

    private LocalDate day() {
        return LocalDate.ofInstant(clock, ZoneOffset.UTC);
    }

    private void write(PreparedStatement insert, String type, String id, Object event, String actor) throws Exception {
        long sequence = sequences.merge(id, 1L, Long::sum) - 1;
        clock = clock.plusSeconds(60);
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(ActorMetaData.USER, actor);
        metaData.put(ActorMetaData.ROLE, actor.startsWith("street.") ? "STREET" : actor.startsWith("dept.") ? "DEPARTMENT"
                : actor.toUpperCase());
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        SerializedObject<byte[]> meta = serializer.serialize(MetaData.from(metaData), byte[].class);
        pending.add(new Object[]{UUID.randomUUID().toString(), id, sequence, type, payload.getType().getName(),
                payload.getType().getRevision(), clock.toString(), payload.getData(), meta.getData()});
        if (pending.size() >= 1_000) flush(insert);
    }

    private void flush(PreparedStatement insert) throws Exception {
        for (Object[] row : pending) {
            insert.setString(1, (String) row[0]);
            insert.setString(2, (String) row[1]);
            insert.setLong(3, (Long) row[2]);
            insert.setString(4, (String) row[3]);
            insert.setString(5, (String) row[4]);
            insert.setString(6, (String) row[5]);
            insert.setString(7, (String) row[6]);
            insert.setBytes(8, (byte[]) row[7]);
            insert.setBytes(9, (byte[]) row[8]);
            insert.addBatch();
        }
        insert.executeBatch();
        insert.getConnection().commit();
        written += pending.size();
        pending.clear();
    }
}
