package cn.fengtai.pool.command.dispatch;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's per-aggregate lock, held until the request's transaction has committed or rolled back. Axon releases its
 * lock when its own unit of work ends, but a request's events commit later, with the request's transaction
 * ({@link CommandRunner}); in between, a second command on the same aggregate (every approval touches its batch, every
 * funding its fund) loaded the aggregate without the first one's events and failed at commit with a conflict. Now it
 * waits. Two requests locking two aggregates in opposite order are found out by Axon's deadlock detection, and
 * {@link CommandRunner} runs the loser again.
 */
public class LockUntilCommit implements LockFactory {

    private final LockFactory locks = PessimisticLockFactory.usingDefaults();

    @Override
    public Lock obtainLock(String identifier) {
        Lock lock = locks.obtainLock(identifier);
        return new Lock() {
            @Override
            public void release() {
                if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                    lock.release();
                    return;
                }
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        lock.release();
                    }
                });
            }

            @Override
            public boolean isHeld() {
                return lock.isHeld();
            }
        };
    }
}
