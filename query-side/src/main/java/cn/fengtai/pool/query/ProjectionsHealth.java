package cn.fengtai.pool.query;

import cn.fengtai.pool.query.readmodel.FoldingProjection;
import cn.fengtai.pool.query.readmodel.ParkedEvents;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the projections keep up: down while a processor is stuck in an error (its read model falls behind the
 * store), up otherwise, with each read model's parked events as details: one parked project does not make the others
 * stale, so it is reported, not a reason to take the instance out of service.
 */
@Component("projectionsHealthIndicator")
class ProjectionsHealth extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final List<FoldingProjection<?>> projections;
    private final ParkedEvents parked;

    ProjectionsHealth(EventProcessingConfiguration processing, List<FoldingProjection<?>> projections,
                      ParkedEvents parked) {
        super("projections health check failed");
        this.processing = processing;
        this.projections = projections;
        this.parked = parked;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean error = false;
        Map<String, Object> readModels = new LinkedHashMap<>();
        for (FoldingProjection<?> projection : projections) {
            String name = projection.name();
            boolean stuck = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .map(p -> p.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState))
                    .orElse(false);
            error |= stuck;
            readModels.put(name, Map.of("error", stuck, "parked", parked.count(name, processing)));
        }
        (error ? builder.down() : builder.up()).withDetails(readModels);
    }
}
