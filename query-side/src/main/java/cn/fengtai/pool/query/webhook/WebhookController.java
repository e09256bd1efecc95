package cn.fengtai.pool.query.webhook;

import cn.fengtai.pool.events.EventTypes;
import cn.fengtai.pool.events.reference.ReferenceCodes;
import cn.fengtai.pool.query.access.ReadingRules;
import cn.fengtai.pool.query.stream.EventFeed;
import cn.fengtai.pool.query.web.BadQuery;
import cn.fengtai.pool.query.web.NotFound;
import cn.fengtai.pool.query.web.Params;
import cn.fengtai.pool.wiring.PoolAuthorities;
import cn.fengtai.pool.wiring.PoolProperties;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Webhook subscriptions (API.md, "Webhooks"): the district sets them up, the district and auditors look at them. */
@RestController
@RequestMapping("/api/webhooks")
class WebhookController {

    private static final Set<String> FIELDS = Set.of("url", "types", "streets", "description");
    /** Idempotency keys of subscription requests, by user and key. */
    static final String KEYS = "webhook_keys";

    private final MongoTemplate mongo;
    private final EventFeed feed;
    private final boolean allowPrivate;
    /** Strict as the commands' bodies are: a key given twice is refused, not the last one taken. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    WebhookController(MongoTemplate mongo, EventFeed feed, PoolProperties pool) {
        this.mongo = mongo;
        this.feed = feed;
        this.allowPrivate = pool.webhooks().allowPrivateAddresses();
    }

    record Created(String id, String secret) {
    }

    /** From now on: the new subscription's cursor is the store's head (redeliver from an earlier position for more). */
    @PostMapping
    ResponseEntity<Created> create(@RequestBody String body,
                                   @org.springframework.web.bind.annotation.RequestHeader(value = "Idempotency-Key", required = false) String key) {
        PoolAuthorities.Caller caller = ReadingRules.caller();
        ReadingRules.requireWebhooks(caller, true);
        if (key != null && !key.matches("[\\x21-\\x7e]{1,128}")) {
            throw new BadQuery("Idempotency-Key", "Idempotency-Key must be 1 to 128 visible ASCII characters");
        }
        String keyId = key == null ? null : caller.user() + "\u0000" + key;
        if (keyId != null) {
            org.bson.Document earlier = mongo.getCollection(KEYS).find(new org.bson.Document("_id", keyId)).first();
            if (earlier != null) return answered(earlier, body);
        }
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (RuntimeException e) {
            throw BadQuery.inBody("body", "the body is no JSON object");
        }
        if (request == null || !request.isObject()) throw BadQuery.inBody("body", "the body is no JSON object");
        if (hasBrokenText(body)) throw BadQuery.inBody("body", "the body holds a broken character (an unpaired surrogate) or NUL");
        for (String name : request.propertyNames()) {
            if (!FIELDS.contains(name)) throw BadQuery.inBody(name, "a webhook has no field '" + name + "'; it has " + FIELDS);
        }
        if (!request.path("url").isString()) throw BadQuery.inBody("url", "url is required, as text");
        String url = request.path("url").asString();
        try {
            WebhookTargets.check(url, allowPrivate);
        } catch (WebhookTargets.Refused refused) {
            throw BadQuery.inBody("url", refused.getMessage());
        }
        List<String> types = texts(request, "types");
        for (String type : types) {
            if (EventTypes.byType(type).isEmpty()) throw BadQuery.inBody("types", "no event has the type '" + type + "'");
        }
        List<String> streets = texts(request, "streets");
        for (String street : streets) {
            if (!ReferenceCodes.isStreet(street)) throw BadQuery.inBody("streets", "no street office has the code '" + street + "'");
        }
        JsonNode description = request.path("description");
        if (!description.isMissingNode() && !description.isNull() && (!description.isString() || description.asString().length() > 500)) {
            throw BadQuery.inBody("description", "description is text of at most 500 characters");
        }
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), url, types, streets,
                description.isString() ? description.asString() : null, StandardWebhooks.newSecret(), feed.head(), true,
                null, null, null, 0, caller.user(), Instant.now());
        if (keyId != null) {
            // The key first: a retry of the same request answers what this one answers, and never creates a second.
            try {
                mongo.getCollection(KEYS).insertOne(new org.bson.Document("_id", keyId).append("body", body)
                        .append("id", subscription.id()).append("secret", subscription.secret()).append("at", java.util.Date.from(Instant.now())));
            } catch (com.mongodb.MongoWriteException raced) {
                return answered(mongo.getCollection(KEYS).find(new org.bson.Document("_id", keyId)).first(), body);
            }
        }
        mongo.insert(subscription);
        return ResponseEntity.created(URI.create("/api/webhooks/" + subscription.id()))
                .body(new Created(subscription.id(), subscription.secret()));
    }

    /**
     * The answer given to the same Idempotency-Key before (to the same district user, who was shown the secret then);
     * the same key with another body is refused.
     */
    private ResponseEntity<Created> answered(org.bson.Document earlier, String body) {
        if (!body.equals(earlier.getString("body"))) {
            throw new KeyReused();
        }
        return ResponseEntity.created(URI.create("/api/webhooks/" + earlier.getString("id")))
                .body(new Created(earlier.getString("id"), earlier.getString("secret")));
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(KeyReused.class)
    ResponseEntity<org.springframework.http.ProblemDetail> keyReused(KeyReused e, jakarta.servlet.http.HttpServletRequest request) {
        org.springframework.http.ProblemDetail problem = org.springframework.http.ProblemDetail.forStatusAndDetail(
                org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("IdempotencyKeyReused");
        problem.setType(URI.create("urn:fengtai-pool:rule:IdempotencyKeyReused"));
        problem.setProperty("rule", "IdempotencyKeyReused");
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.unprocessableContent().body(problem);
    }

    /** An Idempotency-Key given again with another request. */
    static final class KeyReused extends RuntimeException {
        KeyReused() {
            super("this Idempotency-Key was used for another request", null, false, false);
        }
    }

    @GetMapping
    List<Subscription.Shown> all() {
        ReadingRules.requireWebhooks(ReadingRules.caller(), false);
        return mongo.find(new Query().with(Sort.by("createdAt")), Subscription.class).stream().map(Subscription::shown).toList();
    }

    @GetMapping("/{id}")
    Subscription.Shown one(@PathVariable String id) {
        ReadingRules.requireWebhooks(ReadingRules.caller(), false);
        return find(id).shown();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        ReadingRules.requireWebhooks(ReadingRules.caller(), true);
        find(id);
        mongo.remove(Query.query(Criteria.where("_id").is(id)), Subscription.class);
        mongo.remove(Query.query(Criteria.where("subscription").is(id)), Delivery.class);
        return ResponseEntity.noContent().build();
    }

    /** The latest deliveries first; {@code status}: PENDING, DELIVERED or FAILED. */
    @GetMapping("/{id}/deliveries")
    List<Delivery> deliveries(@PathVariable String id, @RequestParam(required = false) String status,
                              @RequestParam(required = false) Integer limit) {
        ReadingRules.requireWebhooks(ReadingRules.caller(), false);
        find(id);
        Criteria criteria = Criteria.where("subscription").is(id);
        if (status != null) {
            if (!Set.of("PENDING", "DELIVERED", "FAILED").contains(status)) {
                throw new BadQuery("status", "status is PENDING, DELIVERED or FAILED");
            }
            criteria.and("status").is(status);
        }
        return mongo.find(Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "position"))
                .limit(Params.range("limit", limit, 100, 1, 1_000)), Delivery.class);
    }

    /** Delivers again every matching event after {@code from} (-1: from the first), and enables the subscription. */
    @PostMapping("/{id}/redeliver")
    Subscription.Shown redeliver(@PathVariable String id, @RequestParam long from) {
        ReadingRules.requireWebhooks(ReadingRules.caller(), true);
        find(id);
        if (from < -1 || from > feed.head()) {
            throw new BadQuery("from", "from is a position from -1 (the first event on) to the store's head, " + feed.head());
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("position", from).set("enabled", true)
                .set("attempts", 0).set("nextAttemptAt", null).set("failingSince", null).set("lastError", null),
                Subscription.class);
        return find(id).shown();
    }

    private Subscription find(String id) {
        Subscription subscription = mongo.findById(Params.code("id", id), Subscription.class);
        if (subscription == null) throw new NotFound("no webhook has the id '" + id + "'");
        return subscription;
    }

    /** JSON's escapes can spell an unpaired surrogate or NUL, which no text of a subscription may hold. */
    private static boolean hasBrokenText(String body) {
        java.util.regex.Matcher escape = java.util.regex.Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(body);
        List<Integer> units = new ArrayList<>();
        while (escape.find()) units.add(Integer.parseInt(escape.group(1), 16));
        for (int i = 0; i < units.size(); i++) {
            int unit = units.get(i);
            if (unit == 0) return true;
            if (unit >= 0xD800 && unit <= 0xDBFF && (i + 1 >= units.size() || units.get(i + 1) < 0xDC00 || units.get(i + 1) > 0xDFFF)) return true;
            if (unit >= 0xDC00 && unit <= 0xDFFF && (i == 0 || units.get(i - 1) < 0xD800 || units.get(i - 1) > 0xDBFF)) return true;
            if (unit >= 0xD800 && unit <= 0xDBFF) i++;
        }
        return body.indexOf('\u0000') >= 0;
    }

    private static List<String> texts(JsonNode request, String field) {
        JsonNode node = request.path(field);
        if (node.isMissingNode() || node.isNull()) return List.of();
        if (!node.isArray() || node.size() > 50) throw BadQuery.inBody(field, field + " is a list of at most 50 codes");
        List<String> texts = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isString()) throw BadQuery.inBody(field, field + " holds text only");
            texts.add(item.asString());
        }
        return texts;
    }

}
