package cn.fengtai.pool.query;

import cn.fengtai.pool.wiring.PoolProperties;
import com.mongodb.client.MongoClient;
import cn.fengtai.pool.query.readmodel.EventLogContext;
import cn.fengtai.pool.query.readmodel.FlushAtBatchEnd;
import cn.fengtai.pool.query.project.ProjectDocument;
import cn.fengtai.pool.query.readmodel.FoldingProjection;
import cn.fengtai.pool.query.readmodel.ParkedEvents;
import cn.fengtai.pool.query.readmodel.ReadModelConversions;
import org.axonframework.common.transaction.NoTransactionManager;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The query side's Axon set-up: tracking processors feed the projections, and each processor's token lives in
 * the same MongoDB database as its read model, so a wiped read model never meets a token that says "done".
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
public class QueryConfiguration {

    /**
     * The tokens beside the read models, in the same database: a wiped read model never meets a token that says "done".
     * Axon's MongoDB token store; each token is stored after its batch's writes ({@code FlushAtBatchEnd}).
     */
    @Bean
    TokenStore tokenStore(MongoClient client, MongoTemplate mongo, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(client, mongo.getDb().getName())
                        .trackingTokensCollectionName("tracking_tokens")
                        .build())
                .serializer(serializer)
                .build();
    }

    /** Every value an event can hold stored as it is ({@link ReadModelConversions}); static: the converter needs it early. */
    @Bean
    static MongoCustomConversions mongoCustomConversions() {
        return ReadModelConversions.conversions(ProjectDocument.INSTANCE);
    }

    /**
     * The query side sends nothing while it handles events, so there is nothing to correlate. Declared because without
     * any provider Axon adds its own, which copies each event's metadata into every message its handling creates (the
     * result of each event included) for nothing.
     * With the command side in the same process, its providers act on commands only.
     */
    @Bean
    CorrelationDataProvider nothingToCorrelate() {
        return message -> Map.of();
    }

    /**
     * Each read model's projection is the one handler of its processor (its {@code @ProcessingGroup}). Registered by
     * bean name, not found by annotation: a projection decides itself which events it takes ({@code FoldingProjection}),
     * and the bean is looked up only when Axon builds the processors.
     */
    @Autowired
    void projections(EventProcessingConfigurer processing, ListableBeanFactory beans, ParkedEvents parked) {
        for (String name : beans.getBeanNamesForType(FoldingProjection.class)) {
            processing.registerEventHandler(configuration -> beans.getBean(name));
            ProcessingGroup group = AnnotationUtils.findAnnotation(beans.getType(name), ProcessingGroup.class);
            if (group == null) continue;
            // A rebuild (Axon's reset) empties the queue: the replay parks again whatever still fails.
            processing.registerDeadLetterQueue(group.value(), configuration -> parked.queue(group.value(), configuration))
                    .registerDeadLetteringEventHandlerInvokerConfiguration(group.value(), (configuration, invoker) ->
                            invoker.enableSequenceIdentifierCache().allowReset(true));
        }
        processing.registerDefaultDeadLetterPolicy(configuration -> ParkedEvents.policy());
    }

    /** {@code pool.projections.parked}, per read model: what operators are alerted on. */
    @Bean
    MeterBinder parkedEventsMeter(ParkedEvents parked, EventProcessingConfiguration processing,
                                  List<FoldingProjection<?>> projections) {
        return registry -> projections.forEach(projection -> Gauge
                .builder("pool.projections.parked", () -> parked.count(projection.name(), processing))
                .description("events a projection failed on, parked until a fix and a retry")
                .tag("readModel", projection.name())
                .register(registry));
    }

    /**
     * Tracking processors taking batches of up to {@code pool.projections.batch-size} events, each written with one
     * bulk write per read model ({@link FlushAtBatchEnd}); a live batch holds only what has arrived, so a large limit
     * costs no latency, while in a rebuild most projects are written once instead of once per batch they span, for
     * more heap at the peak (figures in docs/benchmarks.md). Not Axon's pooled processor: its coordinator hands a work
     * package at most 1,024 events and then waits, which caps a rebuild. {@code pool.projections.axon-defaults=true}
     * leaves Axon's own settings (one event per batch): the benchmark's baseline.
     * <p>
     * No transaction manager: with one (Spring's JDBC one is the application's), Axon stores a batch's token
     * <em>before</em> handling it, trusting the transaction to take it back if the batch fails. MongoDB is not in that
     * transaction, so a crash or an error in the middle of a batch left the token past events whose views were never
     * written: after a kill -9 the last projects were missing for good, and a batch that failed was skipped on retry
     * (CrashTest, ReadModelOutageTest). Without one, the token is stored after the batch's writes
     * ({@link FlushAtBatchEnd}), and a failed batch is delivered again, which the projections ignore where they have
     * already applied it.
     */
    @Autowired
    void processors(EventProcessingConfigurer processing,
                    PoolProperties pool) {
        int batchSize = pool.projections().batchSize();
        boolean axonDefaults = pool.projections().axonDefaults();
        processing.registerDefaultHandlerInterceptor((configuration, name) -> new EventLogContext());
        processing.registerDefaultHandlerInterceptor((configuration, name) -> new FlushAtBatchEnd());
        processing.usingTrackingEventProcessors();
        processing.registerDefaultTransactionManager(configuration -> NoTransactionManager.instance());
        if (axonDefaults) {
            return;
        }
        processing.registerTrackingEventProcessorConfiguration(configuration ->
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        // How soon a started (or rebuilt) processor claims its token: Axon's 5 s showed in every rebuild.
                        .andTokenClaimInterval(1, TimeUnit.SECONDS)
                        // How long an idle processor waits for events before it looks up again, and so how long
                        // stopping it for a rebuild takes: Axon's second, once per read model, in every rebuild.
                        .andEventAvailabilityTimeout(100, TimeUnit.MILLISECONDS));
    }
}
