package cn.fengtai.pool.query.readmodel;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a batch's pending read-model changes right after its last event was handled. Axon stores the processor's
 * token in the first prepare-commit callback of the batch, so a write registered there would come after the token: a
 * crash in between would leave the token ahead of the read model. Registered on every event processor.
 */
public class FlushAtBatchEnd implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String KEY = FlushAtBatchEnd.class.getName();

    static void register(UnitOfWork<?> root, Consumer<UnitOfWork<?>> flush) {
        List<Consumer<UnitOfWork<?>>> flushes = root.getResource(KEY);
        if (flushes == null) {
            flushes = new ArrayList<>();
            root.resources().put(KEY, flushes);
        }
        flushes.add(flush);
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object result = interceptorChain.proceed();
        UnitOfWork<?> root = unitOfWork.root();
        if (root instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage()) {
            List<Consumer<UnitOfWork<?>>> flushes = root.getResource(KEY);
            if (flushes != null) flushes.forEach(flush -> flush.accept(root));
            // Handlers may have changed what is kept in memory (counters, the list index) without a write.
            ReadModelChanges.happened();
        }
        return result;
    }
}
