package cn.fengtai.pool.query.admin;

import cn.fengtai.pool.query.appeal.AppealVolumeProjection;
import cn.fengtai.pool.query.batch.BatchProjection;
import cn.fengtai.pool.query.fund.FundProjection;
import cn.fengtai.pool.query.project.ProjectProjection;
import cn.fengtai.pool.query.readmodel.FoldingProjection;
import cn.fengtai.pool.query.readmodel.ParkedEvents;
import cn.fengtai.pool.query.readmodel.ReadModels;
import cn.fengtai.pool.query.stream.EventFeed;
import cn.fengtai.pool.query.web.NotFound;
import cn.fengtai.pool.query.web.Params;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operators see where each read model stands against the event store's head, and rebuild one from the events without
 * taking it away ({@link Rebuilds}). Only district operators may rebuild; auditors may look.
 */
@RestController
@RequestMapping("/api/admin/projections")
class ProjectionsController {

    private static final Logger log = LoggerFactory.getLogger(ProjectionsController.class);
    /** The read models, in the order their status is listed. */
    static final List<String> NAMES = List.of(ProjectProjection.NAME, BatchProjection.NAME, FundProjection.NAME,
            AppealVolumeProjection.NAME);

    private final EventProcessingConfiguration processing;
    private final EventFeed feed;
    private final ReadModels readModels;
    private final ParkedEvents parked;
    private final Rebuilds rebuilds;
    /** Each read model's projection, which knows the collections of its generations. */
    private final Map<String, FoldingProjection<?>> projections = new LinkedHashMap<>();

    ProjectionsController(EventProcessingConfiguration processing, EventFeed feed, ReadModels readModels,
                          List<FoldingProjection<?>> projections,
                          ParkedEvents parked, Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
        this.parked = parked;
        projections.forEach(projection -> this.projections.put(projection.name(), projection));
        this.processing = processing;
        this.feed = feed;
        this.readModels = readModels;
    }

    /**
     * {@code generation} answers queries; while {@code rebuilding}, {@code position} is that of the new generation;
     * {@code parked}: the events its projection failed on, waiting for a fix and a retry ({@link ParkedEvents}).
     */
    record Projection(String name, long position, long headPosition, boolean rebuilding, double progress,
                      boolean running, boolean error, int generation, long parked) {
    }

    /** The events a read model's projection failed on (at most {@code limit}), oldest project first. */
    @GetMapping("/{name}/parked")
    List<ParkedEvents.Parked> parked(@PathVariable String name, @RequestParam(required = false) Integer limit) {
        processor(name);
        return parked.list(name, processing, Params.range("limit", limit, 100, 1, 1_000));
    }

    /**
     * Tries a read model's parked events again, after a fix: its processor is stopped meanwhile, so that the retried
     * events and the live ones are never written at once. What fails again stays parked.
     */
    @PostMapping("/{name}/parked/retry")
    Map<String, Object> retry(@PathVariable String name) {
        StreamingEventProcessor processor = processor(name);
        processor.shutDown();
        int through;
        try {
            through = parked.retry(name, processing);
        } finally {
            processor.start();
        }
        log.info("retried the parked events of read model {}: {} projects went through, {} events still parked",
                name, through, parked.count(name, processing));
        return Map.of("retried", through, "parked", parked.count(name, processing));
    }

    @GetMapping
    List<Projection> all() {
        long head = feed.head();
        return NAMES.stream().map(name -> status(name, head)).toList();
    }

    @PostMapping("/{name}/rebuild")
    ResponseEntity<Projection> rebuild(@PathVariable String name) {
        long head = rebuilds.start(name, processor(name));
        return ResponseEntity.accepted().body(status(name, head));
    }

    /**
     * Logs the progress of running rebuilds every ten seconds. The switch to the new generation is the projection's
     * own (it knows when its writes are done: {@code FoldingProjection}).
     */
    @Scheduled(fixedDelayString = "${pool.projections.progress-log-ms:10000}")
    void logRebuildProgress() {
        for (String name : NAMES) {
            ReadModels.State state = readModels.state(name);
            if (state.building() == null) continue;
            processing.eventProcessor(name, StreamingEventProcessor.class)
                    .filter(processor -> !processor.processingStatus().isEmpty())
                    .ifPresent(processor -> log.info("rebuilding read model {}: position {} of {}", name,
                            position(processor), state.target()));
        }
    }

    private Projection status(String name, long head) {
        StreamingEventProcessor processor = processor(name);
        ReadModels.State state = readModels.state(name);
        long position = position(processor);
        boolean rebuilding = state.building() != null;
        long goal = rebuilding ? state.target() : head;
        double progress = goal <= 0 ? 1.0 : Math.max(0, Math.min(1.0, (double) (position + 1) / (goal + 1)));
        boolean error = processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        return new Projection(name, position, head, rebuilding, progress, processor.isRunning(), error, state.active(),
                parked.count(name, processing));
    }

    private long position(StreamingEventProcessor processor) {
        return ReadModels.position(processor);
    }

    private StreamingEventProcessor processor(String name) {
        if (!NAMES.contains(name) || !projections.containsKey(name)) {
            throw new NotFound("no read model is called '" + name + "'; known: " + NAMES);
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new NotFound("the read model '" + name + "' has no processor here"));
    }
}
