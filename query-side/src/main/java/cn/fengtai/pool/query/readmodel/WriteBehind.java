package cn.fengtai.pool.query.readmodel;

import org.axonframework.eventhandling.TrackingToken;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One read model's write of a full batch, running on its own thread while the processor reads and folds the next
 * batch, since in a rebuild the two take about as long as each other. At most one
 * write runs; the next batch's end waits for it. The processor's token for the batch is held back until its write is
 * done ({@link TokensAfterWrites}), so a crash or a failed write leaves the token before the batch, as a synchronous
 * write does, and the batch is delivered again.
 */
public final class WriteBehind {

    private final String processor;
    private final BiConsumer<TrackingToken, Integer> store;
    private ExecutorService writer;
    private CompletableFuture<Void> inFlight;
    private TrackingToken heldBack;
    private int heldBackSegment;
    private boolean holding;
    private RuntimeException failure;
    private long stored = -1;
    private long run;

    WriteBehind(String processor, BiConsumer<TrackingToken, Integer> store) {
        this.processor = processor;
        this.store = store;
    }

    /** Runs {@code write} on the writer's thread, after waiting for the write before it. */
    public void submit(Runnable write) {
        awaitWritten();
        synchronized (this) {
            if (writer == null) {
                // One thread, ended when idle: live traffic seldom fills a batch, and contexts come and go in tests.
                ThreadPoolExecutor single = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                        task -> {
                            Thread thread = new Thread(task, "read-model-writer[" + processor + "]");
                            thread.setDaemon(true);
                            return thread;
                        });
                single.allowCoreThreadTimeOut(true);
                writer = single;
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight = done;
            writer.execute(() -> {
                Throwable error = null;
                try {
                    write.run();
                } catch (Throwable e) {
                    error = e;
                }
                written(error);
                done.complete(null);
            });
        }
    }

    /** Waits for the write in flight, if any; throws what made it fail (once: the processor then starts again). */
    public void awaitWritten() {
        CompletableFuture<Void> write;
        synchronized (this) {
            write = inFlight;
        }
        if (write != null) {
            try {
                write.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while read model " + processor + " was written", e);
            } catch (ExecutionException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            }
        }
        throwFailure();
    }

    /**
     * Which uninterrupted run of the processor this is: it changes whenever the processor starts again from its stored
     * token (after an error, a lost claim, a reset, a restart). What a batch kept for the next is valid only in its run.
     */
    public synchronized long run() {
        return run;
    }

    /** Whether a write runs. */
    public synchronized boolean writing() {
        return inFlight != null;
    }

    /** The processor's position as far as the read model holds it: the token stored last while a write runs. */
    public synchronized long position(long processorPosition) {
        return inFlight == null ? processorPosition : Math.min(processorPosition, stored);
    }

    /** Holds the token back while a write runs; false when there is none and the token may be stored now. */
    synchronized boolean holdBack(TrackingToken token, int segment) {
        throwFailure();
        if (inFlight == null) return false;
        heldBack = token;
        heldBackSegment = segment;
        holding = true;
        return true;
    }

    synchronized void stored(TrackingToken token) {
        stored = FoldingProjection.positionOf(token);
    }

    /** The processor starts (again) from its stored token: after the write in flight, with nothing kept. */
    void restarted() {
        try {
            awaitWritten();
        } catch (RuntimeException alreadyReported) {
            // the processor starts from the token before the failed batch, which it will deliver again
        }
        synchronized (this) {
            run++;
        }
    }

    synchronized void throwFailure() {
        if (failure != null) {
            RuntimeException failed = failure;
            failure = null;
            throw new IllegalStateException("the write of read model " + processor + "'s last batch failed", failed);
        }
    }

    private synchronized void written(Throwable error) {
        inFlight = null;
        if (error == null && holding) {
            try {
                store.accept(heldBack, heldBackSegment);
            } catch (RuntimeException e) {
                error = e;
            }
        }
        holding = false;
        heldBack = null;
        if (error != null) {
            failure = error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
        }
    }
}
