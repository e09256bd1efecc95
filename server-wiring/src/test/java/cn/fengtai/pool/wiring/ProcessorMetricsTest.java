package cn.fengtai.pool.wiring;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorMetricsTest {

    @Test
    void processorsAreTimedAndCountedWithoutAxonsCapacityMonitor() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GlobalMetricRegistry registry = new ProcessorMetricsAutoConfiguration().globalMetricRegistry(meters);

        passOver(registry, 3);

        assertThat(meters.get("eventProcessor.allTimer").tags("processorName", "projects").timer().count()).isEqualTo(3);
        assertThat(meters.get("eventProcessor.ingestedCounter").tags("processorName", "projects").counter().count()).isEqualTo(3);
        assertThat(meters.find("eventProcessor.capacity").meters()).isEmpty();
    }

    /** What the test above tells apart: Axon's own registry adds the capacity monitor (a gauge over its skip list). */
    @Test
    void axonsOwnRegistryWouldAddIt() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        passOver(new GlobalMetricRegistry(meters), 1);

        assertThat(meters.find("eventProcessor.capacity").meters()).isNotEmpty();
    }

    /** As a processor reports the events it passes over (every other read model's). */
    private static void passOver(GlobalMetricRegistry registry, int events) {
        MessageMonitor<? super EventMessage<?>> monitor = registry.registerEventProcessor("eventProcessor",
                message -> Tags.of("processorName", "projects"), message -> Tags.of("processorName", "projects"));
        for (int i = 0; i < events; i++) {
            monitor.onMessageIngested(GenericEventMessage.asEventMessage("event " + i)).reportIgnored();
        }
    }
}
