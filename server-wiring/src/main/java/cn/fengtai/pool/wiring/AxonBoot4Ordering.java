package cn.fengtai.pool.wiring;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Axon 4.13 orders its auto-configurations after Boot 3 class names that moved in Boot 4. Without this empty
 * configuration Axon's JDBC set-up runs before the DataSource exists and, silently, Axon falls back to a no-op
 * transaction manager. {@code AxonWiringTest} in the standalone module fails if this ever stops working.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
        },
        beforeName = {
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration"
        })
public class AxonBoot4Ordering {
}
