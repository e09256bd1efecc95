package cn.fengtai.pool.query.project;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Whether the projects projection runs in this process and holds its token: only then is what it keeps in memory
 * (the list index, the live counters) as current as what it writes to MongoDB.
 */
@Component
public class ProjectsProcessor {

    private final ObjectProvider<EventProcessingConfiguration> processing;

    public ProjectsProcessor(ObjectProvider<EventProcessingConfiguration> processing) {
        this.processing = processing;
    }

    public boolean runsHere() {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) return false;
        return configuration.eventProcessor(ProjectProjection.NAME, StreamingEventProcessor.class)
                .map(p -> p.isRunning() && !p.processingStatus().isEmpty()).orElse(false);
    }
}
