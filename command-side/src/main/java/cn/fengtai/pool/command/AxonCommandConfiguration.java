package cn.fengtai.pool.command;

import cn.fengtai.pool.events.ActorMetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Copies who did it, and under which idempotency key, from each command onto every event it causes. */
@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
public class AxonCommandConfiguration {

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ActorMetaData.USER, ActorMetaData.ROLE, ActorMetaData.STREET,
                ActorMetaData.DEPARTMENT, ActorMetaData.IDEMPOTENCY_KEY);
    }

    /** Declared because Axon drops its own default as soon as any other provider exists. */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }
}
