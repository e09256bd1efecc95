package cn.fengtai.pool.query;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Health of the read-model store, by {@code ping}: Boot's own indicator sends {@code hello}, which the embedded
 * MongoDB-compatible server does not implement, so it would report a healthy store as down.
 */
@Component("mongoHealthIndicator")
class ReadModelHealth extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    ReadModelHealth(MongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ping", answer.get("ok"));
    }
}
