package cn.fengtai.pool.query;

import com.mongodb.client.MongoClient;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.domain.Sort;

/**
 * The query side's Axon set-up: pooled streaming processors feed the projections, and each processor's token lives in
 * the same MongoDB database as its read model, so a wiped read model never meets a token that says "done".
 */
@Configuration(proxyBeanMethods = false)
public class QueryConfiguration {

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

    @Autowired
    void processors(EventProcessingConfigurer processing,
                    @Value("${pool.projections.batch-size:100}") int batchSize) {
        processing.usingPooledStreamingEventProcessors((configuration, builder) -> builder
                .batchSize(batchSize)
                .initialSegmentCount(1));
    }

    @Autowired
    void indexes(MongoTemplate mongo) {
        var projects = mongo.indexOps("projects");
        for (String field : new String[]{"street", "status", "category", "batches", "issueTypes", "filedAt"}) {
            projects.createIndex(new Index().on(field, Sort.Direction.ASC));
        }
        mongo.indexOps("appeal_volumes").createIndex(new Index().on("month", Sort.Direction.ASC));
    }
}
