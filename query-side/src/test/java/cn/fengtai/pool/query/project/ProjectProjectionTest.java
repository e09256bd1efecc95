package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.events.Rating;
import cn.fengtai.pool.events.project.*;
import cn.fengtai.pool.query.readmodel.EmbeddedMongo;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The projects read model, event type by event type, stored and read back through MongoDB. */
class ProjectProjectionTest {

    static final String ID = "p-1";
    static final LocalDate DAY = LocalDate.of(2024, 4, 1);

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final ProjectProjection projection = new ProjectProjection(mongo.template);
    private final List<Object> history = new ArrayList<>();

    @AfterEach
    void close() {
        mongo.close();
    }

    private ProjectView after(Object... events) {
        for (Object event : events) {
            history.add(event);
            deliver(history.size() - 1, event);
        }
        return mongo.template.findById(ID, ProjectView.class);
    }

    private void deliver(int sequence, Object event) {
        projection.on(new GenericDomainEventMessage<>("Project", ID, sequence, event, null, "e-" + sequence,
                Instant.parse("2024-04-01T00:00:00Z").plusSeconds(sequence)), new GlobalSequenceTrackingToken(100 + sequence));
    }

    static ProjectFiled filed() {
        return new ProjectFiled(ID, "youanmen", "翠林三里社区", "22号楼楼顶防水", "全楼楼顶通铺", Category.HOUSING,
                List.of("HOUSE_LEAK"), Channel.HOTLINE, List.of("12345-0001"), new BigDecimal("86000.50"), DAY, null);
    }

    static ProjectApproved approved() {
        return new ProjectApproved(ID, "2024-1", "右安门街道", LocalDate.of(2024, 6, 30), List.of("防水通铺"), DAY, null);
    }

    @Test
    void filedProject() {
        ProjectView view = after(filed());
        assertThat(view.street()).isEqualTo("youanmen");
        assertThat(view.status()).isEqualTo(ProjectStatus.FILED);
        assertThat(view.issueTypes()).containsExactly("HOUSE_LEAK");
        assertThat(view.estimatedCost()).isEqualByComparingTo("86000.50");
        assertThat(view.batches()).isEmpty();
        assertThat(view.version()).isZero();
        assertThat(view.position()).isEqualTo(100);
        assertThat(view.filedAt()).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
    }

    @Test
    void approvedPutsItOnItsFirstBatch() {
        ProjectView view = after(filed(), approved());
        assertThat(view.status()).isEqualTo(ProjectStatus.APPROVED);
        assertThat(view.batches()).containsExactly("2024-1");
        assertThat(view.currentBatch()).isEqualTo("2024-1");
        assertThat(view.responsibleUnit()).isEqualTo("右安门街道");
        assertThat(view.deadline()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(view.carriedOver()).isFalse();
    }

    @Test
    void rejectedKeepsTheReasonAndIsNeverListed() {
        ProjectView view = after(filed(), new ProjectRejected(ID, "资金未落实", DAY, null));
        assertThat(view.status()).isEqualTo(ProjectStatus.REJECTED);
        assertThat(view.reason()).isEqualTo("资金未落实");
        assertThat(view.batches()).isEmpty();
    }

    @Test
    void fundedAddsUpAndStartedRecordsIt() {
        ProjectView view = after(filed(), approved(),
                new ProjectFunded(ID, "2024", new BigDecimal("50000"), new BigDecimal("50000"), DAY, null),
                new ProjectFunded(ID, "2024", new BigDecimal("10000.25"), new BigDecimal("60000.25"), DAY, null));
        assertThat(view.status()).isEqualTo(ProjectStatus.FUNDED);
        assertThat(view.fundedAmount()).isEqualByComparingTo("60000.25");
        view = after(new ProjectStarted(ID, true, DAY, null));
        assertThat(view.status()).isEqualTo(ProjectStatus.IN_PROGRESS);
        assertThat(view.fundedAtStart()).isTrue();
    }

    @Test
    void progressSummonsAndReportsIn() {
        ProjectView view = after(filed(), approved(), new ProjectStarted(ID, false, DAY, null),
                new ProjectProgressReported(ID, 40, "开工", DAY, null),
                new DepartmentsSummoned(ID, List.of("housing-bureau", "sports-bureau"), "协调会", DAY, null),
                new DepartmentReportedIn(ID, "housing-bureau", "房屋修缮", DAY.plusDays(2), null));
        assertThat(view.progress()).isEqualTo(40);
        assertThat(view.departments()).extracting(DepartmentView::department).containsExactly("housing-bureau", "sports-bureau");
        assertThat(view.departments().get(0).reportedIn()).isTrue();
        assertThat(view.departments().get(0).reportedInOn()).isEqualTo(DAY.plusDays(2));
        assertThat(view.departments().get(0).commitment()).isEqualTo("房屋修缮");
        assertThat(view.departments().get(1).reportedIn()).isFalse();
    }

    @Test
    void completedAndEvaluated() {
        ProjectView view = after(filed(), approved(), new ProjectStarted(ID, false, DAY, null),
                new ProjectCompleted(ID, new BigDecimal("85000"), "通过防水测试", DAY.plusDays(30), null),
                new ProjectEvaluated(ID, Rating.EXCELLENT, "居民满意", DAY.plusDays(40), null));
        assertThat(view.status()).isEqualTo(ProjectStatus.COMPLETED);
        assertThat(view.progress()).isEqualTo(100);
        assertThat(view.actualCost()).isEqualByComparingTo("85000");
        assertThat(view.completedOn()).isEqualTo(DAY.plusDays(30));
        assertThat(view.rating()).isEqualTo("EXCELLENT");
        assertThat(view.overdue(LocalDate.of(2025, 1, 1))).isFalse();
    }

    @Test
    void carriedOverIsListedOnBothBatchesInOrder() {
        ProjectView view = after(filed(), approved(), new ProjectCarriedOver(ID, "2024-1", "2024-2", "顺延", DAY, null));
        assertThat(view.batches()).containsExactly("2024-1", "2024-2");
        assertThat(view.currentBatch()).isEqualTo("2024-2");
        assertThat(view.carriedOver()).isTrue();
        assertThat(view.overdue(LocalDate.of(2024, 7, 1))).isTrue();
        assertThat(view.overdue(LocalDate.of(2024, 6, 30))).isFalse();
    }

    @Test
    void cancelled() {
        ProjectView view = after(filed(), approved(), new ProjectCancelled(ID, "拆迁", DAY, null));
        assertThat(view.status()).isEqualTo(ProjectStatus.CANCELLED);
        assertThat(view.reason()).isEqualTo("拆迁");
        assertThat(view.overdue(LocalDate.of(2025, 1, 1))).isFalse();
    }

    @Test
    void aBatchDeliveredTwiceChangesNothing() {
        after(filed(), approved(), new ProjectFunded(ID, "2024", new BigDecimal("100"), new BigDecimal("100"), DAY, null),
                new ProjectCarriedOver(ID, "2024-1", "2024-2", "顺延", DAY, null),
                new DepartmentsSummoned(ID, List.of("transport"), null, DAY, null));
        ProjectView once = mongo.template.findById(ID, ProjectView.class);

        for (int sequence = 0; sequence < history.size(); sequence++) {
            deliver(sequence, history.get(sequence));
        }
        ProjectView twice = mongo.template.findById(ID, ProjectView.class);

        assertThat(twice).usingRecursiveComparison().isEqualTo(once);
        assertThat(twice.batches()).containsExactly("2024-1", "2024-2");
        assertThat(twice.fundedAmount()).isEqualByComparingTo("100");
        assertThat(twice.departments()).hasSize(1);
        assertThat(mongo.template.count(new org.springframework.data.mongodb.core.query.Query(), ProjectView.class)).isEqualTo(1);
    }

    @Test
    void theCountersFollowEveryEventAndAreNotCountedTwiceWhenABatchIsDeliveredAgain() {
        ProjectView completed = after(filed(), approved(), new ProjectStarted(ID, false, DAY, null),
                new ProjectCompleted(ID, BigDecimal.TEN, "done", DAY, null));
        ProjectProjection.Counted stored = ProjectProjection.load(mongo.template, "");
        assertThat(stored.counters).isEqualTo(Counters.of(List.of(completed)));
        assertThat(stored.position()).isEqualTo(103);
        assertThat(stored.counters.count("batch:2024-1:completed")).isEqualTo(1);

        // A crash after the counters were written and before the view: the view is behind the counters.
        ProjectView behind = new ProjectView();
        for (int i = 0; i < 2; i++) {
            behind.apply(history.get(i));
            behind.stamp(i, 100 + i, Instant.parse("2024-04-01T00:00:00Z"));
        }
        mongo.template.save(behind);
        for (int i = 0; i < history.size(); i++) deliver(i, history.get(i));

        ProjectView caughtUp = mongo.template.findById(ID, ProjectView.class);
        assertThat(caughtUp.status()).isEqualTo(ProjectStatus.COMPLETED);
        assertThat(ProjectProjection.load(mongo.template, "").counters).isEqualTo(Counters.of(List.of(caughtUp)));
    }

    @Test
    void copiesOfTheCountersAreKeptWithTheTimesOfTheEventsTheyCount() {
        ProjectProjection everySecond = new ProjectProjection(mongo.template, null, null, 2);
        List<Object> events = List.of(filed(), approved(), new ProjectStarted(ID, false, DAY, null),
                new ProjectCompleted(ID, BigDecimal.TEN, "done", DAY, null));
        ProjectView third = new ProjectView();
        for (int round = 0; round < 2; round++) { // the second round is a redelivery: it changes nothing
            for (int sequence = 0; sequence < events.size(); sequence++) {
                everySecond.on(new GenericDomainEventMessage<>("Project", ID, sequence, events.get(sequence), null, "e-" + sequence,
                        Instant.parse("2024-04-01T00:00:00Z").plusSeconds(sequence)), new GlobalSequenceTrackingToken(100 + sequence));
                if (round == 0 && sequence < 3) third.apply(events.get(sequence));
            }
        }

        assertThat(StatisticsCheckpoints.list(mongo.template, "")).containsExactly(
                new StatisticsCheckpoints.Checkpoint(100, Instant.parse("2024-04-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z")),
                new StatisticsCheckpoints.Checkpoint(102, Instant.parse("2024-04-01T00:00:02Z"), Instant.parse("2024-04-01T00:00:01Z")));
        assertThat(StatisticsCheckpoints.counters(mongo.template, "", 102)).isEqualTo(Counters.of(List.of(third)));
        assertThat(StatisticsCheckpoints.counters(mongo.template, "", 102).count("status:IN_PROGRESS")).isEqualTo(1);
    }

    @Test
    void copiesAreTakenEveryIntervalInsideABatchOfManyEvents() {
        ProjectProjection everySecond = new ProjectProjection(mongo.template, null, null, 2);
        List<Object> events = List.of(filed(), approved(), new ProjectStarted(ID, false, DAY, null),
                new ProjectCompleted(ID, BigDecimal.TEN, "done", DAY, null));
        List<org.axonframework.eventhandling.EventMessage<?>> batch = new java.util.ArrayList<>();
        ProjectView third = new ProjectView();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            batch.add(new org.axonframework.eventhandling.GenericTrackedDomainEventMessage<>(
                    new GlobalSequenceTrackingToken(100 + sequence), new GenericDomainEventMessage<>("Project", ID, sequence,
                    events.get(sequence), null, "e-" + sequence, Instant.parse("2024-04-01T00:00:00Z").plusSeconds(sequence))));
            if (sequence < 3) third.apply(events.get(sequence));
        }

        new org.axonframework.messaging.unitofwork.BatchingUnitOfWork<>(batch).executeWithResult(() -> everySecond.handle(
                (org.axonframework.eventhandling.EventMessage<?>) org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().getMessage()));

        assertThat(StatisticsCheckpoints.list(mongo.template, "")).extracting(StatisticsCheckpoints.Checkpoint::position)
                .containsExactly(100L, 102L);
        assertThat(StatisticsCheckpoints.counters(mongo.template, "", 102)).isEqualTo(Counters.of(List.of(third)));
        assertThat(ProjectProjection.load(mongo.template, "").position()).isEqualTo(103);
    }

    @Test
    void theFirstCopyAfterCountersKeptWithoutCopiesClaimsEveryTime() {
        // counters as an earlier version stored them: figures and position, no times
        mongo.template.getCollection(ProjectProjection.STATISTICS).insertOne(new Counters().toDocument()
                .append("_id", ProjectProjection.POOL).append("position", 99L));
        ProjectProjection everySecond = new ProjectProjection(mongo.template, null, null, 2);
        everySecond.on(new GenericDomainEventMessage<>("Project", ID, 0, filed(), null, "e-0",
                Instant.parse("2024-04-01T00:00:00Z")), new GlobalSequenceTrackingToken(100));

        StatisticsCheckpoints.Checkpoint copy = StatisticsCheckpoints.list(mongo.template, "").get(0);
        assertThat(copy.minTimestamp()).as("what it counts may have been recorded at any time").isEqualTo(Instant.EPOCH);
        assertThat(copy.maxTimestamp()).isAfter(Instant.parse("2024-04-01T00:00:00Z"));
    }
}
