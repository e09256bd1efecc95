package cn.fengtai.pool.query.stream;

import cn.fengtai.pool.wiring.PoolProperties;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Publishes every stored event, in global order, to a RabbitMQ topic exchange (routing key = CloudEvents type), at
 * least once: a page is published and confirmed by the broker before the publisher stores its new position (in
 * MongoDB, beside the read models), so a crash in between republishes that page and never skips one. Consumers
 * deduplicate on the CloudEvents {@code id}. One thread, global order: events of one aggregate arrive in order. With
 * several query-side instances only the one holding the publisher's {@link Lease} publishes; when it dies another takes
 * over from the stored position.
 */
@Component
@ConditionalOnProperty(name = "pool.rabbitmq.enabled", havingValue = "true")
public class BrokerPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BrokerPublisher.class);
    static final String POSITIONS = "publisher_positions";
    private static final String ID = "rabbitmq";

    private final EventFeed feed;
    private final MongoTemplate mongo;
    private final RabbitTemplate rabbit;
    private final RabbitAdmin admin;
    private final String exchange;
    private final Lease lease;
    private volatile boolean running;
    private Thread worker;

    BrokerPublisher(EventFeed feed, MongoTemplate mongo, ConnectionFactory connections,
                    PoolProperties pool) {
        String exchange = pool.rabbitmq().exchange();
        this.feed = feed;
        this.mongo = mongo;
        this.rabbit = new RabbitTemplate(connections);
        this.admin = new RabbitAdmin(connections);
        this.exchange = exchange;
        this.lease = new Lease(mongo, "rabbitmq-publisher", Duration.ofSeconds(15));
    }

    /** The position of the last event the broker confirmed, -1 before the first. */
    public long position() {
        Document state = mongo.getCollection(POSITIONS).find(new Document("_id", ID)).first();
        return state == null ? -1 : state.get("position", Number.class).longValue();
    }

    private void run() {
        long backoff = 200;
        while (running) {
            try {
                if (!lease.hold()) {
                    Thread.sleep(1_000);
                    continue;
                }
                admin.declareExchange(new TopicExchange(exchange, true, false));
                long position = position();
                while (running && lease.hold()) {
                    List<CloudEvents.Entry> page = feed.after(position, 500);
                    if (page.isEmpty()) {
                        Thread.sleep(100);
                        continue;
                    }
                    // Publish and record a whole page even when asked to stop meanwhile: see stop().
                    publish(page);
                    position = page.get(page.size() - 1).position();
                    mongo.upsert(Query.query(Criteria.where("_id").is(ID)), Update.update("position", position), POSITIONS);
                    backoff = 200;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                log.warn("publishing to RabbitMQ failed ({}); retrying from the last confirmed position in {} ms",
                        cause, backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void publish(List<CloudEvents.Entry> page) {
        rabbit.invoke(channel -> {
            for (CloudEvents.Entry entry : page) {
                MessageProperties properties = new MessageProperties();
                properties.setContentType("application/cloudevents+json");
                properties.setContentEncoding("utf-8");
                properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
                properties.setHeader("position", entry.position());
                channel.send(exchange, entry.type(), new Message(entry.json().getBytes(StandardCharsets.UTF_8), properties));
            }
            channel.waitForConfirmsOrDie(30_000);
            return null;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "rabbitmq-publisher");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Lets the current page finish, so that a clean stop never leaves a confirmed page without its stored position
     * (which would republish it after the restart); interrupts only a publisher stuck for ten seconds.
     */
    @Override
    public void stop() {
        running = false;
        if (worker == null) return;
        try {
            worker.join(10_000);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(2_000);
            }
            lease.release();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
