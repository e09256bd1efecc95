package cn.fengtai.pool.command.dispatch;

import cn.fengtai.pool.command.access.Actor;
import cn.fengtai.pool.events.ActorMetaData;
import cn.fengtai.pool.wiring.SerialAppendEngine;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the commands of one request in one database transaction: the events of every aggregate the request touches
 * (a fund and a project, a batch and its projects) and the idempotency key are committed together or not at all.
 * Axon's units of work join this transaction; the unique (aggregate, sequence) key of the event store turns a
 * concurrent change of the same aggregate from another process into a refused command instead of a lost update. The
 * events of a request without a key are written at its commit by the event store's group commit, together with those
 * of the other requests committing at the same time.
 */
@Component
public class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);
    private static final int ATTEMPTS = 3;

    private final CommandGateway gateway;
    private final TransactionTemplate transaction;
    private final IdempotencyStore idempotency;
    private final CommandMeters meters;
    private final ObjectProvider<Tracer> tracer;
    /** The tracer, looked up once: the provider searches the bean factory on every call (a JFR profile showed it). */
    private volatile Optional<Tracer> resolvedTracer;

    CommandRunner(CommandGateway gateway, PlatformTransactionManager transactionManager, IdempotencyStore idempotency,
                  CommandMeters meters, ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
        this.gateway = gateway;
        this.transaction = new TransactionTemplate(transactionManager);
        this.idempotency = idempotency;
        this.meters = meters;
    }

    /**
     * @param request what identifies the request for the idempotency check (method, path and body, canonicalized)
     */
    public CommandAnswer run(Actor actor, String idempotencyKey, String request, Function<Sender, CommandAnswer> work) {
        return run(new Request(actor, actor.user(), idempotencyKey, request, Map.of()), work);
    }

    /**
     * A request as {@link #run(Actor, String, String, Function)} takes it, with the owner its key is kept under (the
     * actor, or a name of its own such as the imports', whose keys identify spreadsheet rows whoever uploads them)
     * and metadata for its events besides the actor's.
     */
    public record Request(Actor actor, String keyOwner, String key, String request, Map<String, Object> metaData) {
    }

    public CommandAnswer run(Request request, Function<Sender, CommandAnswer> work) {
        for (int attempt = 1; ; attempt++) {
            List<String> sent = new ArrayList<>();
            try {
                CommandAnswer answer = runOnce(request, work, sent);
                meters.committed(sent);
                log.debug("{} accepted: {} version {}", sent, answer.id(), answer.version());
                return answer;
            } catch (ConcurrencyException | DeadlockException conflict) {
                meters.conflicted(sent);
                log.info("{} lost to a concurrent change (attempt {} of {})", sent, attempt, ATTEMPTS);
                // Another request changed one of the same aggregates and committed first (another process), or two
                // requests locked two aggregates in opposite order and this one was chosen to give way. Nothing of
                // this attempt was stored, so running it again on the fresh state is safe; after a few tries the
                // client decides.
                if (attempt == ATTEMPTS) throw conflict;
            } catch (RuntimeException failure) {
                meters.failed(sent, failure);
                log.info("{} refused or failed: {}", sent, failure.getClass().getSimpleName());
                throw failure;
            }
        }
    }

    /**
     * The answer given before to a request with this key and this content, if there was one; a key given before with
     * other content is {@link IdempotencyKeyReused}.
     */
    public Optional<CommandAnswer> answeredBefore(String keyOwner, String key, String request) {
        return earlierAnswer(keyOwner, key, sha256(request));
    }

    /** The answer stored under a key, whatever the content of its request was. */
    public Optional<CommandAnswer> answerOf(String keyOwner, String key) {
        return idempotency.find(keyOwner, key).map(entry -> new CommandAnswer(entry.answerId(), entry.answerVersion()));
    }

    /**
     * Runs the work in a transaction that is rolled back: every rule of every command applies, nothing is stored
     * (an import's dry run). The answer's ids are those the commands would have created.
     */
    public CommandAnswer tryOut(Actor actor, Function<Sender, CommandAnswer> work) {
        Sender sender = senderFor(actor, null, Map.of(), new ArrayList<>());
        return transaction.execute(status -> {
            status.setRollbackOnly();
            return work.apply(sender);
        });
    }

    private CommandAnswer runOnce(Request request, Function<Sender, CommandAnswer> work, List<String> sent) {
        Actor actor = request.actor();
        String idempotencyKey = request.key();
        String owner = request.keyOwner();
        Sender sender = senderFor(actor, idempotencyKey, request.metaData(), sent);
        if (idempotencyKey == null) {
            return transaction.execute(status -> work.apply(sender));
        }
        String fingerprint = sha256(request.request());
        Optional<CommandAnswer> earlier = earlierAnswer(owner, idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return transaction.execute(status -> {
                // The key must commit with the events and its claim must hold off a concurrent request with the same
                // key from the start, so this transaction writes its events itself rather than through the group commit.
                SerialAppendEngine.appendInThisTransaction();
                idempotency.claim(owner, idempotencyKey, fingerprint);
                CommandAnswer answer = work.apply(sender);
                idempotency.answer(owner, idempotencyKey, answer);
                return answer;
            });
        } catch (DataIntegrityViolationException raced) {
            // Another request with the same key committed first: answer as it was answered.
            return earlierAnswer(owner, idempotencyKey, fingerprint).orElseThrow(() -> raced);
        }
    }

    private Optional<CommandAnswer> earlierAnswer(String owner, String key, String fingerprint) {
        return idempotency.find(owner, key).map(entry -> {
            if (!entry.fingerprint().equals(fingerprint)) throw new IdempotencyKeyReused(key);
            return new CommandAnswer(entry.answerId(), entry.answerVersion());
        });
    }

    private Sender senderFor(Actor actor, String idempotencyKey, Map<String, Object> extra, List<String> sent) {
        Map<String, Object> metaData = actor.asMetaData();
        metaData.putAll(extra);
        traceparent().ifPresent(traceparent -> metaData.put(ActorMetaData.TRACEPARENT, traceparent));
        if (idempotencyKey != null) metaData.put(ActorMetaData.IDEMPOTENCY_KEY, idempotencyKey);
        return new Sender() {
            @Override
            public <R> R send(Object command) {
                sent.add(command.getClass().getSimpleName());
                return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            }
        };
    }

    /** The request's W3C trace context (taken from its {@code traceparent} header, or begun by it). */
    private Optional<String> traceparent() {
        Optional<Tracer> known = resolvedTracer;
        if (known == null) resolvedTracer = known = Optional.ofNullable(this.tracer.getIfAvailable());
        Span span = known.map(Tracer::currentSpan).orElse(null);
        if (span == null) return Optional.empty();
        TraceContext context = span.context();
        boolean sampled = Boolean.TRUE.equals(context.sampled());
        return Optional.of("00-" + context.traceId() + "-" + context.spanId() + (sampled ? "-01" : "-00"));
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
