package cn.fengtai.pool.query.readmodel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Which generation answers: switched here, seen at once; switched by another instance, seen within the max age. */
class ReadModelsTest {

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final AtomicLong nanos = new AtomicLong();
    private final ReadModels readModels = new ReadModels(mongo.template, nanos::get);

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void aSwitchMadeHereAnswersAtOnce() {
        assertThat(readModels.answering("projects").active()).isEqualTo(1);
        ReadModels.State started = readModels.startRebuild("projects", 42);
        assertThat(readModels.answering("projects").active()).isEqualTo(1);
        assertThat(readModels.finishRebuild("projects", started.building(), List.of("projects"))).isTrue();
        assertThat(readModels.answering("projects").active()).isEqualTo(2);
        assertThat(readModels.active("projects", "projects")).isEqualTo("projects_g2");
    }

    @Test
    void aSwitchMadeElsewhereAnswersOnceTheStateIsOlderThanTheMaxAge() {
        readModels.startRebuild("projects", 42);
        assertThat(readModels.answering("projects").active()).isEqualTo(1);
        // Another instance finishes the rebuild: the stored state changes without this one knowing.
        mongo.template.getCollection(ReadModels.COLLECTION).updateOne(Filters.eq("_id", "projects"),
                Updates.combine(Updates.set("active", 2), Updates.set("building", null)));

        nanos.addAndGet(ReadModels.ANSWERING_MAX_AGE_NANOS);
        assertThat(readModels.answering("projects").active()).isEqualTo(1);
        assertThat(readModels.state("projects").active()).isEqualTo(2);
        nanos.addAndGet(1);
        assertThat(readModels.answering("projects").active()).isEqualTo(2);
    }
}
