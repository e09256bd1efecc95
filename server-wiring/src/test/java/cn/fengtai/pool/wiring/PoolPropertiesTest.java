package cn.fengtai.pool.wiring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool's settings have their documented defaults, bind from their names, and a wrong one stops the start. */
class PoolPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PoolPropertiesAutoConfiguration.class));

    @Test
    void defaultsAreThoseTheReadmeLists() {
        runner.run(context -> {
            PoolProperties pool = context.getBean(PoolProperties.class);
            assertThat(pool.zone()).isEqualTo("Asia/Shanghai");
            assertThat(pool.eventStore().groupCommit()).isTrue();
            assertThat(pool.eventStore().fetchDelayMs()).isEqualTo(100);
            assertThat(pool.projections().batchSize()).isEqualTo(10_000);
            assertThat(pool.idempotency().retention()).isEqualTo(Duration.ofDays(7));
            assertThat(pool.input().earliestDate()).isEqualTo(LocalDate.of(1990, 1, 1));
            assertThat(pool.stream().ticketSeconds()).isEqualTo(60);
            assertThat(pool.cors().allowedOrigins()).isEmpty();
            assertThat(pool.security().demoAccounts()).isFalse();
        });
    }

    @Test
    void settingsBindFromTheirNames() {
        runner.withPropertyValues("pool.idempotency.retention=36h", "pool.cors.allowed-origins=https://a.example,https://b.example")
                .run(context -> {
                    PoolProperties pool = context.getBean(PoolProperties.class);
                    assertThat(pool.idempotency().retention()).isEqualTo(Duration.ofHours(36));
                    assertThat(pool.cors().allowedOrigins()).containsExactly("https://a.example", "https://b.example");
                });
    }

    @Test
    void aWrongValueStopsTheStartNamingTheSetting() {
        runner.withPropertyValues("pool.stream.ticket-seconds=1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("stream.ticketSeconds");
        });
        runner.withPropertyValues("pool.projections.batch-size=many").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("many"));
    }
}
