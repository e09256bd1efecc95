package cn.fengtai.pool.wiring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    /** A store that keeps what each write committed; a write with a refused part commits nothing. */
    static final class Store implements GroupCommit.Writer<String> {
        final List<List<String>> commits = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger writes = new AtomicInteger();
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        /** While set, every write fails as a database that cannot be reached does. */
        volatile boolean down;

        static boolean unreachable(Throwable failure) {
            return failure instanceof UncheckedIOException;
        }

        @Override
        public void write(List<String> parts) {
            writes.incrementAndGet();
            if (firstWriteStarted.getCount() > 0) {
                firstWriteStarted.countDown();
                await(releaseFirstWrite);
            }
            if (down) throw new UncheckedIOException(new IOException("the database is unreachable"));
            for (String part : parts) {
                if (part.startsWith("refused")) throw new IllegalStateException(part + " conflicts");
            }
            commits.add(List.copyOf(parts));
        }
    }

    /**
     * Writes "first", and while its write is held, the given parts from threads of their own; then does
     * {@code whileHeld}, lets the first write go on and waits for every caller. Answers each caller's failure by part.
     */
    private static Map<String, Throwable> duringFirstWrite(Store store, int maxParts, List<String> parts,
                                                           Runnable whileHeld) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(parts.size() + 1);
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        try (GroupCommit<String> group = new GroupCommit<>("test-appender", maxParts, store, Store::unreachable)) {
            List<Future<?>> callersDone = new ArrayList<>();
            callersDone.add(callers.submit(() -> write(group, "first", failures)));
            store.firstWriteStarted.await();
            for (String part : parts) callersDone.add(callers.submit(() -> write(group, part, failures)));
            Thread.sleep(200);
            assertThat(callersDone).as("every caller waits for its commit").noneMatch(Future::isDone);
            whileHeld.run();
            store.releaseFirstWrite.countDown();
            for (Future<?> caller : callersDone) caller.get(5, TimeUnit.SECONDS);
        } finally {
            callers.shutdownNow();
        }
        return failures;
    }

    private static void write(GroupCommit<String> group, String part, Map<String, Throwable> failures) {
        try {
            group.write(part);
        } catch (RuntimeException e) {
            failures.put(part, e);
        }
    }

    @Test
    void writesWhatArrivesDuringAWriteInOneWriteAndAnswersEachCallerAfterItsCommit() throws Exception {
        Store store = new Store();
        Map<String, Throwable> failures = duringFirstWrite(store, 256,
                List.of("part-0", "part-1", "part-2", "part-3", "part-4"), () -> { });
        assertThat(failures).isEmpty();
        assertThat(store.commits).hasSize(2);
        assertThat(store.commits.get(0)).containsExactly("first");
        assertThat(store.commits.get(1)).containsExactlyInAnyOrder("part-0", "part-1", "part-2", "part-3", "part-4");
    }

    @Test
    void aRefusedPartFailsOnlyItsOwnCaller() throws Exception {
        Store store = new Store();
        Map<String, Throwable> failures = duringFirstWrite(store, 256, List.of("a", "refused-b", "c"), () -> { });
        assertThat(failures).containsOnlyKeys("refused-b");
        assertThat(failures.get("refused-b")).isInstanceOf(IllegalStateException.class).hasMessage("refused-b conflicts");
        assertThat(store.commits.stream().flatMap(List::stream)).containsExactlyInAnyOrder("first", "a", "c");
    }

    @Test
    void aFailureOfTheDatabaseFailsTheWholeGroupAtOnce() throws Exception {
        Store store = new Store();
        Map<String, Throwable> failures = duringFirstWrite(store, 256, List.of("a", "b", "c"), () -> store.down = true);
        assertThat(failures).containsOnlyKeys("first", "a", "b", "c");
        assertThat(failures.values()).allSatisfy(failure -> assertThat(failure).hasRootCauseInstanceOf(IOException.class));
        assertThat(store.writes.get()).as("the first write, then the group's one write").isEqualTo(2);
        assertThat(store.commits).isEmpty();
    }

    @Test
    void aSinglePartsFailureReachesItsCallerAsThrown() {
        Store store = new Store();
        store.firstWriteStarted.countDown();
        try (GroupCommit<String> group = new GroupCommit<>("test-appender", 256, store, Store::unreachable)) {
            assertThatThrownBy(() -> group.write("refused-alone")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("refused-alone conflicts");
            group.write("accepted");
        }
        assertThat(store.commits).containsExactly(List.of("accepted"));
    }

    @Test
    void writesNoMoreThanItsLargestGroupAtATime() throws Exception {
        Store store = new Store();
        List<String> parts = List.of("part-0", "part-1", "part-2", "part-3", "part-4", "part-5", "part-6");
        assertThat(duringFirstWrite(store, 3, parts, () -> { })).isEmpty();
        assertThat(store.commits).allSatisfy(commit -> assertThat(commit).hasSizeLessThanOrEqualTo(3));
        assertThat(store.commits.stream().mapToInt(List::size).sum()).isEqualTo(8);
    }

    @Test
    void refusesWritesOnceClosed() {
        Store store = new Store();
        store.firstWriteStarted.countDown();
        GroupCommit<String> group = new GroupCommit<>("test-appender", 256, store, Store::unreachable);
        group.close();
        assertThatThrownBy(() -> group.write("late")).isInstanceOf(IllegalStateException.class);
        assertThat(store.commits).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("not released");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
