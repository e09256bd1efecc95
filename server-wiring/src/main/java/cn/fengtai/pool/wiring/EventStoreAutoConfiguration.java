package cn.fengtai.pool.wiring;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import cn.fengtai.pool.events.format.EventJson;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * The event store, declared here rather than left to Axon so that it polls for new events every
 * {@code pool.event-store.fetch-delay-ms} when idle (Axon's default is a second). Axon's wake-up call after an append
 * fires when its unit of work commits, which is before the request's transaction commits, so with the default every
 * projection would lag a full second behind. Axon's JDBC configuration skips its storage engine as soon as any event
 * store exists, so the engine is declared here too, built as Axon builds it and serialising appends
 * ({@link SerialAppendEngine}).
 */
@AutoConfiguration(after = AxonBoot4Ordering.class,
        beforeName = {"org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonAutoConfiguration"})
@ConditionalOnClass(name = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
public class EventStoreAutoConfiguration {

    @Bean
    public SerialAppendEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 Configuration configuration, ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, EventSchema eventSchema,
                                                 DataSource dataSource, PoolProperties pool) {
        int gapTimeoutMillis = pool.eventStore().gapTimeoutMs();
        int readBatchSize = pool.eventStore().readBatchSize();
        boolean stock = pool.eventStore().stock();
        boolean groupCommit = pool.eventStore().groupCommit() && !stock;
        return new SerialAppendEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer())
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                // Rows per query when processors read the store: Axon's 100 makes a rebuild ten times as many queries.
                .batchSize(readBatchSize), new JdbcTemplate(dataSource), gapTimeoutMillis,
                groupCommit ? appenderDataSource(dataSource) : null, stock);
    }

    /**
     * The group commit's own connections: a pool of two beside the application's, with the same settings. Requests
     * hold their pooled connection while they wait for the group commit; if the appender took its connection from the
     * same pool, a full pool would wait for itself. Without a Hikari pool to copy, appends stay in each request's own
     * transaction.
     */
    static DataSource appenderDataSource(DataSource dataSource) {
        try {
            if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                LoggerFactory.getLogger(EventStoreAutoConfiguration.class).warn("the data source is not a Hikari pool: "
                        + "no group commit, every request appends in its own transaction");
                return null;
            }
            return new HikariDataSource(appenderConfig(dataSource.unwrap(HikariDataSource.class)));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot copy the data source's settings for the group commit", e);
        }
    }

    /** The application pool's settings, for a pool of two that opens its connections when first asked. */
    static HikariConfig appenderConfig(HikariDataSource pool) {
        HikariConfig config = new HikariConfig();
        pool.copyStateTo(config);
        config.setPoolName(pool.getPoolName() + "-appender");
        config.setMaximumPoolSize(2);
        // none held open until the first append: the query side reads the store through this engine and never appends
        config.setMinimumIdle(0);
        String url = config.getJdbcUrl();
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            // Every statement planned with its values: PostgreSQL keeps the generic plan of a prepared statement, and
            // the one it makes for the chain's lookup while the table is empty scans the whole table on every append
            // until autovacuum has analyzed it. In the URL: the copied data source properties are the application
            // pool's own object.
            config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "prepareThreshold=0");
        }
        return config;
    }

    /**
     * A snapshot is an aggregate's state, and aggregates keep it in private fields without getters (their state is
     * theirs): the snapshot format reads and writes fields, in the events' JSON conventions.
     */
    static Serializer snapshotSerializer() {
        return JacksonSerializer.builder().objectMapper(EventJson.objectMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)).build();
    }

    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine eventStorageEngine,
                                         PoolProperties pool) {
        return EmbeddedEventStore.builder().storageEngine(eventStorageEngine).fetchDelay(pool.eventStore().fetchDelayMs()).build();
    }

    /** The appends' meters ({@code pool.events.appended}, {@code pool.append.lock.*}), bound by Spring Boot. */
    @Bean
    public AppendLockTimes appendLockTimes(SerialAppendEngine eventStorageEngine) {
        return eventStorageEngine.lockTimes();
    }
}
