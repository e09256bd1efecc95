package cn.fengtai.pool.wiring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The group commit's pool: the application's settings, two connections, none held idle, plans made per statement. */
class AppenderPoolTest {

    @Test
    void onPostgresEveryStatementIsPlannedWithItsValues() {
        try (HikariDataSource application = pool("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=pool")) {
            HikariConfig appender = EventStoreAutoConfiguration.appenderConfig(application);
            assertThat(appender.getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=pool&prepareThreshold=0");
            assertThat(appender.getMaximumPoolSize()).isEqualTo(2);
            assertThat(appender.getMinimumIdle()).isZero();
            assertThat(appender.getPoolName()).isEqualTo("events-appender");
            assertThat(appender.getUsername()).isEqualTo("postgres");
            assertThat(application.getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=pool");
        }
        try (HikariDataSource application = pool("jdbc:postgresql://127.0.0.1:5432/test")) {
            assertThat(EventStoreAutoConfiguration.appenderConfig(application).getJdbcUrl())
                    .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?prepareThreshold=0");
        }
    }

    @Test
    void otherDatabasesKeepTheirUrl() {
        try (HikariDataSource application = pool("jdbc:h2:file:./data/events")) {
            assertThat(EventStoreAutoConfiguration.appenderConfig(application).getJdbcUrl()).isEqualTo("jdbc:h2:file:./data/events");
        }
    }

    /** Not started: a pool made with the no-argument constructor opens nothing until asked for a connection. */
    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setPoolName("events");
        pool.setMaximumPoolSize(10);
        return pool;
    }
}
