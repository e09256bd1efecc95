package cn.fengtai.pool.wiring;

import cn.fengtai.pool.events.format.EventJson;
import cn.fengtai.pool.events.format.ProjectFiledUpcaster;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * What both sides must agree on to read the same events: Axon serializes with {@link EventJson}'s mapper (Axon picks
 * a Jackson 2 bean by this exact name), reads old revisions through the upcasters, and no event processor ever skips
 * an event that failed: Axon's default error handler logs and moves on, which would lose read-model updates.
 */
@AutoConfiguration(before = AxonBoot4Ordering.class)
@ConditionalOnClass(name = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
public class EventFormatAutoConfiguration {

    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return EventJson.objectMapper();
    }

    @Bean
    public ProjectFiledUpcaster projectFiledUpcaster() {
        return new ProjectFiledUpcaster();
    }

    @Autowired
    public void neverSkipFailedEvents(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
