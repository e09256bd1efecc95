package cn.fengtai.pool.command.dispatch;

import org.axonframework.common.lock.Lock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An aggregate's lock outlives Axon's unit of work until the request's transaction has completed. */
class LockUntilCommitTest {

    private final LockUntilCommit locks = new LockUntilCommit();

    @AfterEach
    void clear() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) TransactionSynchronizationManager.clearSynchronization();
    }

    @Test
    void aReleaseInsideATransactionWaitsForItsCompletion() throws Exception {
        TransactionSynchronizationManager.initSynchronization();
        Lock lock = locks.obtainLock("fund-2024");
        lock.release();
        assertThat(lock.isHeld()).as("released by Axon, still held until the commit").isTrue();
        CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
            Lock second = locks.obtainLock("fund-2024");
            second.release();
            return true;
        });
        assertThatThrownBy(() -> other.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
        }
        assertThat(other.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.isHeld()).isFalse();
    }

    @Test
    void withoutATransactionTheReleaseIsImmediate() {
        Lock lock = locks.obtainLock("batch-2024-1");
        lock.release();
        assertThat(lock.isHeld()).isFalse();
    }
}
