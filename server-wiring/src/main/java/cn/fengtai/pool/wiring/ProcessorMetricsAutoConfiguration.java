package cn.fengtai.pool.wiring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.function.Function;

/**
 * Axon's metrics for event processors, without Axon's {@code CapacityMonitor}. That monitor keeps every message's
 * processing time of the last ten minutes in a skip list (its {@code SlidingTimeWindowReservoir}), every event a
 * processor passes over included: at a rebuild's pace, four processors held about 3 GiB of it at a million events
 * (docs/benchmarks.md, {@code rebuild.heapRatio}), memory that grows with history instead of being bounded. Capacity is
 * still there for operators: it is the rate of the processing timer's total time, which Prometheus computes
 * ({@code sum by (processorName) (rate(eventProcessor_allTimer_seconds_sum[1m]))}) from a meter of constant size.
 * Axon's registry builds the monitors in one method without a switch for this one, hence the subclass; the other
 * components' monitors are Axon's.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration")
@ConditionalOnClass(GlobalMetricRegistry.class)
public class ProcessorMetricsAutoConfiguration {

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new BoundedMetricRegistry(registry);
    }

    static final class BoundedMetricRegistry extends GlobalMetricRegistry {

        BoundedMetricRegistry(MeterRegistry registry) {
            super(registry);
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name) {
            return registerEventProcessor(name, message -> List.of(), message -> List.of());
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name,
                Function<Message<?>, Iterable<Tag>> tags, Function<Message<?>, Iterable<Tag>> latencyTags) {
            return new MultiMessageMonitor<>(List.of(
                    MessageTimerMonitor.buildMonitor(name, getRegistry(), tags),
                    EventProcessorLatencyMonitor.builder().meterNamePrefix(name).meterRegistry(getRegistry())
                            .tagsBuilder(latencyTags).build(),
                    MessageCountingMonitor.buildMonitor(name, getRegistry(), tags)));
        }
    }
}
