package cn.fengtai.pool.standalone;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.project.ProjectFiled;
import cn.fengtai.pool.query.project.ProjectDocument;
import cn.fengtai.pool.query.project.ProjectProjection;
import cn.fengtai.pool.query.project.ProjectView;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the Boot 4 traps of STACK-NOTES.md that fail silently: without the ordering fix Axon quietly loses its JDBC
 * storage engine or its Spring transaction manager, and its default error handler skips failed events.
 */
class AxonWiringTest {

    @TempDir
    static Path data;
    static RunningPool pool;

    @BeforeAll
    static void start() {
        pool = RunningPool.start(data);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void eventsGoToTheJdbcStorageEngine() {
        assertThat(pool.context().getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
    }

    @Test
    void appendsGoThroughTheGroupCommit() {
        var engine = pool.context().getBean(cn.fengtai.pool.wiring.SerialAppendEngine.class);
        assertThat(engine.groupsCommits()).as("the application's pool is Hikari's, so the appender has its own").isTrue();
        long commits = engine.lockTimes().totals().released();
        var command = pool.as("district").post("/api/batches", "{\"id\":\"2031-1\",\"name\":\"分组提交\",\"year\":2031}");
        assertThat(command.status()).isEqualTo(201);
        assertThat(engine.lockTimes().totals().released()).isGreaterThan(commits);
    }

    @Test
    void axonUsesSpringsTransactionManager() {
        assertThat(pool.context().getBean(TransactionManager.class)).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void axonSerializesWithJackson() {
        assertThat(pool.context().getBean("eventSerializer", Serializer.class)).isInstanceOf(JacksonSerializer.class);
    }

    @Test
    void aFailingProjectionRetriesInsteadOfSkipping() {
        EventProcessingConfiguration processing = pool.context().getBean(EventProcessingConfiguration.class);
        assertThat(processing.listenerInvocationErrorHandler(ProjectProjection.NAME))
                .isInstanceOf(PropagatingErrorHandler.class);
    }

    @Test
    void theApplicationsConverterWritesProjectViewsWithTheirOwnConverter() {
        MongoTemplate mongo = pool.context().getBean(MongoTemplate.class);
        ProjectView view = new ProjectView();
        view.apply(new ProjectFiled("p-1", "xiluoyuan", null, "t", null, Category.HOUSING, List.of("PARKING"),
                Channel.HOTLINE, List.of(), BigDecimal.ONE, LocalDate.of(2024, 1, 1), null));
        Document written = new Document();
        mongo.getConverter().write(view, written);
        assertThat(written).isEqualTo(ProjectDocument.INSTANCE.convert(view));
    }
}
