package cn.fengtai.pool.wiring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * In the {@code production} profile the application refuses to start on the embedded stores, with the demo accounts or
 * with the benchmark's stock event store: a district must never run its real pool on a file in a working folder,
 * behind password {@code demo}, or with appends that readers can skip and nobody can check.
 */
@AutoConfiguration
@Profile("production")
public class ProductionGuard {

    ProductionGuard(Environment environment) {
        if ("stock".equals(environment.getProperty("pool.event-store.mode"))) {
            throw new IllegalStateException("production refuses pool.event-store.mode=stock: appends without the lock "
                    + "can be skipped by readers, and without the hash chain nobody can tell a changed event");
        }
        String jdbcUrl = environment.getProperty("spring.datasource.url", "");
        if (jdbcUrl.isBlank() || jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalStateException("production needs PostgreSQL for events: set POOL_DB_URL (spring.datasource.url), not H2");
        }
        if (environment.getProperty("pool.embedded-mongo", Boolean.class, false)) {
            throw new IllegalStateException("production refuses the embedded MongoDB server: set POOL_MONGO_URI");
        }
        if (environment.getProperty("pool.security.demo-accounts", Boolean.class, false)) {
            throw new IllegalStateException("production refuses to start with the demo accounts");
        }
        if (environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "").isBlank()
                && environment.getProperty("spring.security.oauth2.resourceserver.jwt.public-key-location", "").isBlank()) {
            throw new IllegalStateException("production needs an identity provider: set POOL_JWT_ISSUER_URI "
                    + "(spring.security.oauth2.resourceserver.jwt.issuer-uri)");
        }
    }
}
