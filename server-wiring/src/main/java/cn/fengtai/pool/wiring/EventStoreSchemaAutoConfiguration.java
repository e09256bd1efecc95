package cn.fengtai.pool.wiring;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The table and column names of the event store, as the Flyway migrations create them (snake case, so that operators
 * and auditors can query them without quoting). Both sides read the same tables, so the names live here once.
 */
@AutoConfiguration(before = AxonBoot4Ordering.class)
@ConditionalOnClass(name = "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration")
public class EventStoreSchemaAutoConfiguration {

    public static final String EVENT_TABLE = "domain_event_entry";

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(EVENT_TABLE)
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Recognises a concurrent append (same aggregate, same sequence number) by its SQL state, class 23. Axon's default
     * resolver reads vendor error codes, which PostgreSQL leaves at 0 and H2 hides inside a batch update exception:
     * the conflict would then surface as a generic store failure instead of a refused concurrent change.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver();
    }

    /**
     * For a JDBC token store, should one be needed (the query side keeps its tokens in MongoDB). Note that Axon creates
     * no JDBC token store by itself once this bean exists: whoever needs one builds it with this schema.
     */
    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }
}
