package cn.fengtai.pool.query.admin;

import cn.fengtai.pool.query.appeal.AppealVolumeProjection;
import cn.fengtai.pool.query.batch.BatchProjection;
import cn.fengtai.pool.query.fund.FundProjection;
import cn.fengtai.pool.query.project.ProjectProjection;
import cn.fengtai.pool.query.stream.EventFeed;
import cn.fengtai.pool.query.web.NotFound;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Operators see where each read model stands against the event store's head, and rebuild one from the events: the
 * processor is stopped, its token reset (its reset handler drops the read model), and it replays from the first
 * event while the status shows how far it got. Only district operators may rebuild; auditors may look.
 */
@RestController
@RequestMapping("/api/admin/projections")
class ProjectionsController {

    private static final Logger log = LoggerFactory.getLogger(ProjectionsController.class);
    static final List<String> NAMES = List.of(ProjectProjection.NAME, BatchProjection.NAME, FundProjection.NAME,
            AppealVolumeProjection.NAME);

    private final EventProcessingConfiguration processing;
    private final EventFeed feed;

    ProjectionsController(EventProcessingConfiguration processing, EventFeed feed) {
        this.processing = processing;
        this.feed = feed;
    }

    record Projection(String name, long position, long headPosition, boolean rebuilding, double progress,
                      boolean running, boolean error) {
    }

    @GetMapping
    List<Projection> all() {
        long head = feed.head();
        return NAMES.stream().map(name -> status(name, head)).toList();
    }

    @PostMapping("/{name}/rebuild")
    ResponseEntity<Projection> rebuild(@PathVariable String name) {
        StreamingEventProcessor processor = processor(name);
        log.info("rebuilding read model {} from the events", name);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return ResponseEntity.accepted().body(status(name, feed.head()));
    }

    private Projection status(String name, long head) {
        StreamingEventProcessor processor = processor(name);
        List<EventTrackerStatus> segments = List.copyOf(processor.processingStatus().values());
        long position = segments.stream().mapToLong(s -> s.getCurrentPosition().orElse(-1)).min().orElse(-1);
        boolean replaying = processor.isReplaying();
        double progress = head <= 0 ? 1.0 : Math.max(0, Math.min(1.0, (double) (position + 1) / (head + 1)));
        boolean error = segments.stream().anyMatch(EventTrackerStatus::isErrorState);
        return new Projection(name, position, head, replaying, progress, processor.isRunning(), error);
    }

    private StreamingEventProcessor processor(String name) {
        if (!NAMES.contains(name)) throw new NotFound("no read model is called '" + name + "'; known: " + NAMES);
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new NotFound("the read model '" + name + "' has no processor here"));
    }
}
