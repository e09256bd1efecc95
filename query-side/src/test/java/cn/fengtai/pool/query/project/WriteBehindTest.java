package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.project.ProjectStarted;
import cn.fengtai.pool.query.readmodel.EmbeddedMongo;
import cn.fengtai.pool.query.readmodel.TokensAfterWrites;
import cn.fengtai.pool.query.readmodel.WriteBehind;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static cn.fengtai.pool.query.project.ProjectProjectionTest.DAY;
import static cn.fengtai.pool.query.project.ProjectProjectionTest.ID;
import static cn.fengtai.pool.query.project.ProjectProjectionTest.approved;
import static cn.fengtai.pool.query.project.ProjectProjectionTest.filed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Full batches written behind: the token waits for the write, a failed write sends the processor back to the token
 * before it, and a batch goes on from the documents the last one wrote only within one run of the processor.
 */
class WriteBehindTest {

    private static final String PROCESSOR = ProjectProjection.NAME;

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final InMemoryTokenStore stored = new InMemoryTokenStore();
    private final TokensAfterWrites tokens = new TokensAfterWrites(stored, 2);
    private final WriteBehind behind = tokens.of(PROCESSOR);
    private final ProjectProjection projection = new ProjectProjection(mongo.template);

    @BeforeEach
    void claim() {
        projection.writeBehind(tokens);
        tokens.initializeTokenSegments(PROCESSOR, 1, new GlobalSequenceTrackingToken(0));
        tokens.fetchToken(PROCESSOR, 0);
    }

    @AfterEach
    void close() {
        behind.awaitWritten();
        mongo.close();
    }

    @Test
    void aTokenStoredWhileItsBatchIsWrittenIsStoredWhenTheWriteIsDone() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        behind.submit(() -> await(writing));

        tokens.storeToken(new GlobalSequenceTrackingToken(7), PROCESSOR, 0);
        assertThat(stored.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(0));
        assertThat(behind.position(7)).as("operators see what the read model holds").isEqualTo(-1);

        writing.countDown();
        behind.awaitWritten();
        assertThat(stored.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(7));
        assertThat(behind.position(7)).isEqualTo(7);
    }

    @Test
    void aFailedWriteDropsItsTokenAndSendsTheProcessorBackToTheTokenBeforeIt() {
        CountDownLatch writing = new CountDownLatch(1);
        behind.submit(() -> {
            await(writing);
            throw new IllegalStateException("read model down");
        });
        tokens.storeToken(new GlobalSequenceTrackingToken(7), PROCESSOR, 0);
        writing.countDown();
        while (behind.writing()) Thread.onSpinWait();

        assertThatThrownBy(() -> tokens.extendClaim(PROCESSOR, 0)).hasRootCauseMessage("read model down");
        long run = behind.run();
        assertThat(tokens.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(0));
        assertThat(behind.run()).as("a new run: nothing kept from the last one").isEqualTo(run + 1);
        tokens.extendClaim(PROCESSOR, 0);
    }

    @Test
    void aBatchGoesOnFromTheDocumentsTheLastBatchWroteOnlyInTheSameRun() {
        deliver(0, filed(), 1, approved());
        behind.awaitWritten();
        // Gone from the store: a batch that read its documents back would find the project missing.
        mongo.template.remove(mongo.template.findById(ID, ProjectView.class));

        deliver(2, new ProjectStarted(ID, false, DAY, null), 3, new ProjectStarted(ID, false, DAY, null));
        behind.awaitWritten();
        ProjectView view = mongo.template.findById(ID, ProjectView.class);
        assertThat(view.version()).isEqualTo(3);
        assertThat(ProjectProjection.load(mongo.template, "").position()).isEqualTo(103);
        assertThat(ProjectProjection.load(mongo.template, "").counters).isEqualTo(Counters.of(List.of(view)));

        mongo.template.remove(view);
        tokens.fetchToken(PROCESSOR, 0);
        assertThatThrownBy(() -> deliver(4, new ProjectStarted(ID, false, DAY, null), 5, new ProjectStarted(ID, false, DAY, null)))
                .hasMessageContaining("missing before event 4");
    }

    /** One batch of two events of the project, at sequences {@code first} and {@code first + 1}, positions 100 on. */
    private void deliver(int first, Object event, int second, Object next) {
        List<EventMessage<?>> batch = new ArrayList<>();
        for (Object[] e : List.of(new Object[]{first, event}, new Object[]{second, next})) {
            int sequence = (int) e[0];
            batch.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(100 + sequence),
                    new GenericDomainEventMessage<>("Project", ID, sequence, e[1], null, "e-" + sequence,
                            Instant.parse("2024-04-01T00:00:00Z").plusSeconds(sequence))));
        }
        var result = new BatchingUnitOfWork<>(batch).executeWithResult(() -> {
            projection.handle((EventMessage<?>) CurrentUnitOfWork.get().getMessage());
            return null;
        });
        if (result.isExceptional()) throw (RuntimeException) result.exceptionResult();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
