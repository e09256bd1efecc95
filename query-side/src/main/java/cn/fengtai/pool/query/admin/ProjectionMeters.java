package cn.fengtai.pool.query.admin;

import cn.fengtai.pool.query.readmodel.ReadModels;
import cn.fengtai.pool.query.stream.EventFeed;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * Where each read model stands, as {@code GET /api/admin/projections} says it, for Prometheus: the event store's head
 * ({@code pool.events.head}), each read model's position and how far it is behind the head
 * ({@code pool.projections.position}, {@code pool.projections.lag}, in events) and a rebuild's progress
 * ({@code pool.projections.rebuild.progress}, 1 when none runs). The parked events are {@code pool.projections.parked}.
 */
@Component
class ProjectionMeters implements MeterBinder {

    private final EventProcessingConfiguration processing;
    private final EventFeed feed;
    private final ReadModels readModels;

    ProjectionMeters(EventProcessingConfiguration processing, EventFeed feed, ReadModels readModels) {
        this.processing = processing;
        this.feed = feed;
        this.readModels = readModels;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("pool.events.head", feed, EventFeed::head)
                .description("the global position of the newest stored event").register(registry);
        for (String name : ProjectionsController.NAMES) {
            Gauge.builder("pool.projections.position", () -> position(name))
                    .description("the position of the last event the read model's processor handled")
                    .tag("readModel", name).register(registry);
            Gauge.builder("pool.projections.lag", () -> Math.max(0, feed.head() - position(name)))
                    .description("events stored that the read model's processor has not handled yet")
                    .tag("readModel", name).register(registry);
            Gauge.builder("pool.projections.rebuild.progress", () -> progress(name))
                    .description("how far a running rebuild is, from 0 to 1 (1 when none runs)")
                    .tag("readModel", name).register(registry);
        }
    }

    private long position(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).map(ReadModels::position).orElse(-1L);
    }

    private double progress(String name) {
        ReadModels.State state = readModels.state(name);
        if (state.building() == null || state.target() <= 0) return 1.0;
        return Math.max(0, Math.min(1.0, (double) (position(name) + 1) / (state.target() + 1)));
    }
}
