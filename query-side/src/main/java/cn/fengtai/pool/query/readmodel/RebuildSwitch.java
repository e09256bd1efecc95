package cn.fengtai.pool.query.readmodel;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Switches a rebuilt read model to its new generation when its processor has passed the rebuild's target without a
 * batch of the read model's own events at the end. A processor passes over the events of other read models without
 * handing them to the projection ({@link FoldingProjection#canHandle}), so when the last events before the target are
 * not the read model's, no write of the projection sees the target reached. A processor's position passes an event
 * only after the writes of every batch before it are done, so it witnesses the writes as well as the writer does.
 */
@Component
class RebuildSwitch {

    private final ReadModels readModels;
    private final EventProcessingConfiguration processing;
    private final List<FoldingProjection<?>> projections;

    RebuildSwitch(ReadModels readModels, EventProcessingConfiguration processing, List<FoldingProjection<?>> projections) {
        this.readModels = readModels;
        this.processing = processing;
        this.projections = projections;
    }

    @Scheduled(fixedDelayString = "${pool.projections.rebuild-check-ms:500}")
    void switchPassedRebuilds() {
        for (FoldingProjection<?> projection : projections) {
            ReadModels.State state = readModels.state(projection.name());
            if (state.building() == null) continue;
            processing.eventProcessor(projection.name(), StreamingEventProcessor.class)
                    .filter(processor -> processor.isRunning() && passed(processor, state.target()))
                    .ifPresent(processor -> projection.switchTo(state, state.target()));
        }
    }

    private boolean passed(StreamingEventProcessor processor, long target) {
        var segments = processor.processingStatus().values();
        return !segments.isEmpty() && segments.stream().noneMatch(EventTrackerStatus::isErrorState)
                && ReadModels.position(processor) >= target;
    }
}
