package cn.fengtai.pool.wiring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binds and checks the {@code pool.*} settings ({@link PoolProperties}) in every application of the pool. */
@AutoConfiguration
@EnableConfigurationProperties(PoolProperties.class)
public class PoolPropertiesAutoConfiguration {
}
