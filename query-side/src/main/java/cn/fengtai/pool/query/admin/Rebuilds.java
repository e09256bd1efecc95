package cn.fengtai.pool.query.admin;

import cn.fengtai.pool.query.readmodel.FoldingProjection;
import cn.fengtai.pool.query.readmodel.ReadModelIndexes;
import cn.fengtai.pool.query.readmodel.ReadModels;
import cn.fengtai.pool.query.stream.EventFeed;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a read model from the events without taking it away: the processor is stopped, a new generation of the
 * read model is started ({@link ReadModels}), the token is reset (Axon's reset) and the processor replays from the
 * first event into the new generation while queries keep reading the old one. When the replay has reached the head
 * the rebuild started at, the new generation answers (the switch is the projection's: {@link FoldingProjection}).
 * <p>
 * Asked for by operators ({@link ProjectionsController}) and, at start, for every read model whose documents are of
 * an older shape than its projection writes ({@link FoldingProjection#shape}).
 */
@Component
class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    private final EventProcessingConfiguration processing;
    private final EventFeed feed;
    private final ReadModels readModels;
    private final ReadModelIndexes indexes;
    private final Map<String, FoldingProjection<?>> projections = new LinkedHashMap<>();

    Rebuilds(EventProcessingConfiguration processing, EventFeed feed, ReadModels readModels, ReadModelIndexes indexes,
             List<FoldingProjection<?>> projections) {
        this.processing = processing;
        this.feed = feed;
        this.readModels = readModels;
        this.indexes = indexes;
        projections.forEach(projection -> this.projections.put(projection.name(), projection));
    }

    /** Starts rebuilding the read model up to the store's head now; returns the head. */
    long start(String name, StreamingEventProcessor processor) {
        FoldingProjection<?> projection = projections.get(name);
        long head = feed.head();
        processor.shutDown();
        ReadModels.State before = readModels.state(name);
        if (before.building() != null) {
            // A rebuild that had not finished: its generation is abandoned for the new one.
            projection.collections(ReadModels.State.suffix(before.building())).forEach(readModels::drop);
        }
        ReadModels.State state = readModels.startRebuild(name, head, projection.shape());
        indexes.ensure(name, state.writingSuffix());
        log.info("rebuilding read model {} from the events into generation {} (up to position {}); generation {} "
                + "answers until then", name, state.building(), head, state.active());
        processor.resetTokens();
        if (head < 0) {
            projection.switchTo(state, head);
        }
        processor.start();
        return head;
    }

    /**
     * Rebuilds, at start, each read model written in an older shape than its projection's; a new, empty one is
     * recorded as of the current shape. Read models kept before shapes were recorded count as shape 1.
     */
    @EventListener(ApplicationReadyEvent.class)
    void reshape() {
        projections.forEach((name, projection) -> {
            Integer recorded = readModels.shape(name);
            ReadModels.State state = readModels.state(name);
            if (recorded == null) {
                boolean empty = projection.collections(state.activeSuffix()).stream()
                        .noneMatch(collection -> readModels.hasDocuments(collection));
                if (empty && state.building() == null) {
                    readModels.recordShape(name, projection.shape());
                    return;
                }
            }
            int shape = recorded == null ? 1 : recorded;
            Integer building = readModels.buildingShape(name);
            if (shape >= projection.shape() || (building != null && building >= projection.shape())) return;
            processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(processor -> {
                log.info("read model {} holds documents of shape {}; its projection writes shape {}", name, shape,
                        projection.shape());
                start(name, processor);
            });
        });
    }
}
