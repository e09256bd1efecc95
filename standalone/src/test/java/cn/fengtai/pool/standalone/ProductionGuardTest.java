package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production profile refuses to start on the embedded stores, with the demo accounts or the stock event store. */
class ProductionGuardTest {

    @TempDir
    Path data;

    @Test
    void productionRefusesTheEmbeddedDefault() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(StandaloneApplication.class).profiles("production")
                .run("--pool.data-dir=" + data, "--server.port=0"))
                .hasStackTraceContaining("production needs PostgreSQL");
    }

    @Test
    void productionRefusesTheBenchmarksStockEventStore() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(StandaloneApplication.class).profiles("production")
                .run("--pool.data-dir=" + data, "--server.port=0", "--pool.event-store.mode=stock"))
                .hasStackTraceContaining("production refuses pool.event-store.mode=stock");
    }
}
