package cn.fengtai.pool.query.stream;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Which query-side instance does a job that must run once (publishing the feed to RabbitMQ, delivering webhooks): the
 * one holding the job's lease in MongoDB, which it renews while it works; when the holder dies its lease lapses and
 * another instance takes it over, from the job's stored position. Not an Axon processor's token claim: those jobs keep
 * their positions themselves (per subscription for webhooks), and need only who may work.
 */
public final class Lease {

    private static final String LEASES = "leases";

    private final MongoTemplate mongo;
    private final String job;
    private final Duration length;
    private final String holder = UUID.randomUUID().toString();
    private final Clock clock = Clock.systemUTC();

    public Lease(MongoTemplate mongo, String job, Duration length) {
        this.mongo = mongo;
        this.job = job;
        this.length = length;
    }

    /** Takes or renews the lease: true when this instance holds it until {@code now + length}. */
    public boolean hold() {
        Instant now = clock.instant();
        Query free = Query.query(Criteria.where("_id").is(job)
                .orOperator(Criteria.where("holder").is(holder), Criteria.where("until").lt(now)));
        try {
            Document held = mongo.findAndModify(free, new Update().set("holder", holder).set("until", now.plus(length)),
                    FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, LEASES);
            return held != null && holder.equals(held.getString("holder"));
        } catch (DuplicateKeyException another) {
            return false;
        }
    }

    /** Gives the lease up (a clean stop), so another instance need not wait for it to lapse. */
    public void release() {
        mongo.remove(Query.query(Criteria.where("_id").is(job).and("holder").is(holder)), LEASES);
    }
}
