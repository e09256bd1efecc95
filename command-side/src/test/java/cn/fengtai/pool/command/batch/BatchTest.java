package cn.fengtai.pool.command.batch;

import cn.fengtai.pool.command.batch.Batch.Closure;
import cn.fengtai.pool.command.batch.BatchCommands.*;
import cn.fengtai.pool.command.batch.BatchRefusals.*;
import cn.fengtai.pool.events.batch.BatchClosed;
import cn.fengtai.pool.events.batch.BatchCreated;
import cn.fengtai.pool.events.batch.BatchPublished;
import cn.fengtai.pool.events.batch.ProjectListed;
import cn.fengtai.pool.command.access.Actors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

class BatchTest {

    static final LocalDate DAY = LocalDate.of(2024, 8, 1);
    private FixtureConfiguration<Batch> fixture;

    @BeforeEach
    void setUp() {
        fixture = Actors.signedInRightfully(new AggregateTestFixture<>(Batch.class));
    }

    static BatchCreated created() {
        return new BatchCreated("2024-1", "第一批", 2024, DAY, null);
    }

    @Test
    void aBatchIsCreatedOpen() {
        fixture.givenNoPriorActivity().when(new CreateBatch("2024-1", "第一批", 2024, DAY, null)).expectEvents(created());
    }

    @Test
    void anOpenBatchTakesProjectsOnce() {
        fixture.given(created()).when(new ListProject("2024-1", "p-1", null, DAY, null))
                .expectEvents(new ProjectListed("2024-1", "p-1", null, DAY, null)).expectResultMessagePayload(1L);
        fixture.given(created(), new ProjectListed("2024-1", "p-1", null, DAY, null))
                .when(new ListProject("2024-1", "p-1", null, DAY, null))
                .expectNoEvents().expectException(AlreadyListed.class);
    }

    @Test
    void aPublishedBatchTakesNoMoreProjects() {
        fixture.given(created(), new BatchPublished("2024-1", DAY, null))
                .when(new ListProject("2024-1", "p-1", null, DAY, null))
                .expectNoEvents().expectException(BatchNotOpen.class);
    }

    @Test
    void publishingOnlyFromOpen() {
        fixture.given(created()).when(new PublishBatch("2024-1", DAY, null))
                .expectEvents(new BatchPublished("2024-1", DAY, null));
        fixture.given(created(), new BatchPublished("2024-1", DAY, null)).when(new PublishBatch("2024-1", DAY, null))
                .expectNoEvents().expectException(BatchNotOpen.class);
    }

    @Test
    void closingAPublishedBatchAnswersEveryProjectOnItsList() {
        fixture.given(created(), new ProjectListed("2024-1", "p-1", null, DAY, null),
                        new ProjectListed("2024-1", "p-2", null, DAY, null), new BatchPublished("2024-1", DAY, null))
                .when(new CloseBatch("2024-1", "2024-2", DAY, null))
                .expectEvents(new BatchClosed("2024-1", "2024-2", DAY, null))
                .expectResultMessagePayload(new Closure(4, List.of("p-1", "p-2")));
    }

    @Test
    void closingTwiceIsRefusedSoNothingIsCarriedOverTwice() {
        fixture.given(created(), new BatchPublished("2024-1", DAY, null), new BatchClosed("2024-1", "2024-2", DAY, null))
                .when(new CloseBatch("2024-1", "2024-2", DAY, null))
                .expectNoEvents().expectException(BatchNotPublished.class);
    }

    @Test
    void anOpenBatchIsPublishedBeforeItIsClosedAndNeverIntoItself() {
        fixture.given(created()).when(new CloseBatch("2024-1", "2024-2", DAY, null))
                .expectNoEvents().expectException(BatchNotPublished.class);
        fixture.given(created(), new BatchPublished("2024-1", DAY, null)).when(new CloseBatch("2024-1", "2024-1", DAY, null))
                .expectNoEvents().expectException(CarryOverToItself.class);
    }
}
