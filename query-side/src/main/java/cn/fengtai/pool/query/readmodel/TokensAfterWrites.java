package cn.fengtai.pool.query.readmodel;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processors' token store, keeping each token behind the read model's writes ({@link WriteBehind}): a token Axon
 * stores while the write of its batch still runs is stored when that write is done, and dropped if it fails. Starting
 * from a token, or giving up a claim, first waits for the write in flight. Everything else is the store's own.
 */
public final class TokensAfterWrites implements TokenStore {

    private final TokenStore tokens;
    private final int fullBatch;
    private final Map<String, WriteBehind> writes = new ConcurrentHashMap<>();

    /** {@code fullBatch}: a batch of that many events is written behind; smaller ones are written before their token. */
    public TokensAfterWrites(TokenStore tokens, int fullBatch) {
        this.tokens = tokens;
        this.fullBatch = fullBatch;
    }

    /** The write-behind of this processor's read model. */
    public WriteBehind of(String processor) {
        return writes.computeIfAbsent(processor, name -> new WriteBehind(name, (token, segment) -> store(token, name, segment)));
    }

    /**
     * How far the processor's read model holds the events: the processor's position, or while a write runs behind it,
     * the last token stored. Operators, the rebuild switch and tests read this, not the processor's own position.
     */
    public long position(StreamingEventProcessor processor) {
        long position = processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1)).min().orElse(-1);
        return of(processor.getName()).position(position);
    }

    /** Whether a batch of this many events is written behind. */
    public boolean full(int events) {
        return events >= fullBatch;
    }

    @Override
    public void storeToken(TrackingToken token, String processor, int segment) throws UnableToClaimTokenException {
        if (!of(processor).holdBack(token, segment)) store(token, processor, segment);
    }

    private void store(TrackingToken token, String processor, int segment) {
        tokens.storeToken(token, processor, segment);
        of(processor).stored(token);
    }

    @Override
    public TrackingToken fetchToken(String processor, int segment) throws UnableToClaimTokenException {
        of(processor).restarted();
        return tokens.fetchToken(processor, segment);
    }

    @Override
    public TrackingToken fetchToken(String processor, Segment segment) throws UnableToClaimTokenException {
        of(processor).restarted();
        return tokens.fetchToken(processor, segment);
    }

    @Override
    public void extendClaim(String processor, int segment) throws UnableToClaimTokenException {
        of(processor).throwFailure();
        tokens.extendClaim(processor, segment);
    }

    @Override
    public void releaseClaim(String processor, int segment) {
        try {
            of(processor).awaitWritten();
        } finally {
            tokens.releaseClaim(processor, segment);
        }
    }

    @Override
    public void initializeTokenSegments(String processor, int segments) throws UnableToClaimTokenException {
        tokens.initializeTokenSegments(processor, segments);
    }

    @Override
    public void initializeTokenSegments(String processor, int segments, TrackingToken initial)
            throws UnableToClaimTokenException {
        tokens.initializeTokenSegments(processor, segments, initial);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processor, int segment) throws UnableToClaimTokenException {
        tokens.initializeSegment(token, processor, segment);
    }

    @Override
    public void deleteToken(String processor, int segment) throws UnableToClaimTokenException {
        tokens.deleteToken(processor, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return tokens.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processor) {
        return tokens.fetchSegments(processor);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processor) {
        return tokens.fetchAvailableSegments(processor);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return tokens.retrieveStorageIdentifier();
    }
}
