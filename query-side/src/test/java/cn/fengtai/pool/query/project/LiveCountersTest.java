package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.project.ProjectFiled;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Counters answer from memory only for the generation last written, and only while the projection runs here. */
class LiveCountersTest {

    @Test
    void knownForTheGenerationWrittenWhileTheProjectionRunsHere() {
        AtomicBoolean running = new AtomicBoolean(true);
        LiveCounters live = new LiveCounters(new ProjectsProcessor(null) {
            @Override
            public boolean runsHere() {
                return running.get();
            }
        });
        assertThat(live.of("")).as("nothing written yet").isEmpty();

        ProjectView project = new ProjectView();
        project.apply(new ProjectFiled("p-1", "youanmen", null, "屋顶防水", null, Category.HOUSING, List.of("HOUSE_LEAK"),
                Channel.HOTLINE, List.of(), BigDecimal.ONE, LocalDate.of(2024, 1, 1), null));
        Counters counters = Counters.of(List.of(project));
        live.written("", counters);
        counters.remove(project); // the projection goes on with its own

        assertThat(live.of("")).hasValueSatisfying(c -> assertThat(c.count("projects")).isEqualTo(1));
        assertThat(live.of("_g2")).as("another generation answers").isEmpty();
        running.set(false);
        assertThat(live.of("")).as("the projection stopped here: another process may be writing").isEmpty();
    }
}
