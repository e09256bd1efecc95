package cn.fengtai.pool.query.readmodel;

import cn.fengtai.pool.events.ActorMetaData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * While a processor handles an event, the log context holds the trace id of the request that caused it and Axon's
 * correlation id, so a log line of a projection leads back to the request's own lines (the same {@code traceId} the
 * request's lines carry). Registered on every event processor.
 */
public class EventLogContext implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        String traceId = traceId(event.getMetaData().get(ActorMetaData.TRACEPARENT));
        Object correlation = event.getMetaData().get(ActorMetaData.CORRELATION_ID);
        if (traceId != null) MDC.put("traceId", traceId);
        if (correlation != null) MDC.put("correlationId", correlation.toString());
        try {
            return interceptorChain.proceed();
        } finally {
            MDC.remove("traceId");
            MDC.remove("correlationId");
        }
    }

    /** The trace id of a W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}), or null. */
    static String traceId(Object traceparent) {
        if (!(traceparent instanceof String text)) return null;
        String[] parts = text.split("-");
        return parts.length == 4 && parts[1].length() == 32 ? parts[1] : null;
    }
}
