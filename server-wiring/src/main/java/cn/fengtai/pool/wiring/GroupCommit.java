package cn.fengtai.pool.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Group commit: what many threads ask to have written, written by one thread, as many at a time as have asked while
 * the previous write ran, in one transaction. Appends must commit one after another (positions in commit order, the
 * hash chain); one commit per request would then cap the rate at one append per commit. Each caller waits until its
 * own part has committed, so nothing is answered as stored before it is.
 *
 * <p>A write that fails is written again one part at a time, so that one part's failure (a conflict with another
 * process, say) fails only the caller it belongs to; a failure that says nothing about the parts (the database cannot
 * be reached) fails them all at once, instead of after one more timeout each.
 *
 * @param <P> one caller's part
 */
final class GroupCommit<P> implements AutoCloseable {

    /** Writes the given parts in one transaction, or throws and leaves nothing of them stored. */
    interface Writer<P> {
        void write(List<P> parts);
    }

    private record Waiting<P>(P part, CompletableFuture<Void> written) {
    }

    private final BlockingQueue<Waiting<P>> queue = new LinkedBlockingQueue<>();
    private final Writer<P> writer;
    private final Predicate<Throwable> failsAll;
    private final int maxParts;
    private final Thread thread;
    private volatile boolean open = true;

    GroupCommit(String name, int maxParts, Writer<P> writer, Predicate<Throwable> failsAll) {
        this.writer = writer;
        this.failsAll = failsAll;
        this.maxParts = maxParts;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Has the part written, and returns once it has committed; throws what its write threw. The wait cannot be
     * interrupted: a caller that gave up early could release its aggregates' locks while its events may still commit.
     */
    void write(P part) {
        Waiting<P> waiting = new Waiting<>(part, new CompletableFuture<>());
        synchronized (queue) {
            if (!open) throw new IllegalStateException("the event appender has stopped");
            queue.add(waiting);
        }
        try {
            waiting.written().join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) throw runtime;
            if (failed.getCause() instanceof Error error) throw error;
            throw failed;
        }
    }

    private void run() {
        List<Waiting<P>> group = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Waiting<P> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                queue.drainTo(group, maxParts - 1);
                write(group);
            } catch (InterruptedException stop) {
                stop();
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Waiting<P>> group) {
        try {
            writer.write(group.stream().map(Waiting::part).toList());
            group.forEach(waiting -> waiting.written().complete(null));
            return;
        } catch (Throwable failed) {
            if (group.size() == 1 || failsAll.test(failed)) {
                group.forEach(waiting -> waiting.written().completeExceptionally(failed));
                return;
            }
        }
        for (Waiting<P> waiting : group) {
            try {
                writer.write(List.of(waiting.part()));
                waiting.written().complete(null);
            } catch (Throwable failed) {
                waiting.written().completeExceptionally(failed);
            }
        }
    }

    private void stop() {
        synchronized (queue) {
            open = false;
        }
    }

    /** Writes what has been asked for, then stops; later calls of {@link #write} fail. */
    @Override
    public void close() {
        stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
