package cn.fengtai.pool.command.imports;

import cn.fengtai.pool.command.access.Actor;
import cn.fengtai.pool.command.access.Role;
import cn.fengtai.pool.command.dispatch.ActorResolver;
import cn.fengtai.pool.command.dispatch.CommandRunner;
import cn.fengtai.pool.command.dispatch.IdempotencyRetention;
import cn.fengtai.pool.command.web.Commands;
import cn.fengtai.pool.events.project.ProjectFiled;
import cn.fengtai.pool.wiring.PoolProperties;
import org.axonframework.eventsourcing.eventstore.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Function;

/**
 * The district's lists in and out of spreadsheets (API.md, "Spreadsheets"): a batch list of projects, the offices'
 * progress reports and the hotline's appeal counts, each row through the same commands and rules as the HTTP API
 * ({@link Importer}). {@code dryRun=true} checks every row and stores nothing.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private static final Logger log = LoggerFactory.getLogger(ImportController.class);

    private final CommandRunner runner;
    private final ActorResolver actors;
    private final ImportReports reports;
    private final PoolProperties pool;
    private final MeterRegistry meters;
    private final EventStore eventStore;
    private final long asyncRows;
    /** The rows' commands, several at once ({@code pool.imports.parallel-rows}). */
    private final java.util.concurrent.ExecutorService rows;
    private final int parallelRows;
    /** Large imports, one at a time, in the background (a district uploads a few lists a month). */
    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "spreadsheet-import");
                thread.setDaemon(true);
                return thread;
            });

    ImportController(CommandRunner runner, ActorResolver actors, ImportReports reports, PoolProperties pool,
                     MeterRegistry meters, EventStore eventStore) {
        this.meters = meters;
        this.eventStore = eventStore;
        this.parallelRows = pool.imports().parallelRows();
        this.rows = java.util.concurrent.Executors.newFixedThreadPool(parallelRows, runnable -> {
            Thread thread = new Thread(runnable, "spreadsheet-import-row");
            thread.setDaemon(true);
            return thread;
        });
        this.asyncRows = pool.imports().asyncRows();
        this.runner = runner;
        this.actors = actors;
        this.reports = reports;
        this.pool = pool;
    }

    @PostMapping(value = "/projects", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportReport.ImportAnswer> projects(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String batch,
                                 @RequestParam(required = false) Boolean dryRun) throws IOException {
        Actor actor = actors.current();
        actor.mustBe("import projects", Role.DISTRICT, Role.STREET);
        String b = batch == null || batch.isBlank() ? null : Commands.requireId(batch);
        return run(actor, "projects", file, b, dryRun, today -> new ProjectImport(today, this::streetOfProject));
    }

    @PostMapping(value = "/progress", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportReport.ImportAnswer> progress(@RequestParam("file") MultipartFile file, @RequestParam(required = false) Boolean dryRun)
            throws IOException {
        Actor actor = actors.current();
        actor.mustBe("import progress reports", Role.DISTRICT, Role.STREET);
        return run(actor, "progress", file, null, dryRun, this::progressImport);
    }

    /** The street a project was filed for, read off its first event; null for an id the store does not know. */
    private String streetOfProject(String projectId) {
        try (java.util.stream.Stream<? extends org.axonframework.eventhandling.DomainEventMessage<?>> events =
                     eventStore.readEvents(projectId).asStream()) {
            return events.findFirst().map(first -> first.getPayload() instanceof ProjectFiled filed ? filed.street() : null)
                    .orElse(null);
        }
    }

    private ImportKind progressImport(LocalDate today) {
        return new ProgressImport(today, (street, ref) -> street == null ? null : runner.answerOf(IdempotencyRetention.IMPORTS,
                "projects:" + Importer.hash(street, "ref:" + ref)).map(a -> a.id()).orElse(null));
    }

    @PostMapping(value = "/appeal-volumes", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportReport.ImportAnswer> appealVolumes(@RequestParam("file") MultipartFile file, @RequestParam(required = false) Boolean dryRun)
            throws IOException {
        Actor actor = actors.current();
        actor.mustBe("import appeal volumes", Role.DISTRICT);
        return run(actor, "appeal-volumes", file, null, dryRun, AppealVolumeImport::new);
    }

    /**
     * The same imports answered as the uploaded workbook with a column of problems ({@code Accept} the .xlsx media
     * type), for the people who made the sheet; run to their end before the answer, whatever their size.
     */
    @PostMapping(value = "/projects", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = ProblemsWorkbook.MEDIA_TYPE)
    ResponseEntity<byte[]> projectsWorkbook(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String batch,
                                            @RequestParam(required = false) Boolean dryRun) throws IOException {
        Actor actor = actors.current();
        actor.mustBe("import projects", Role.DISTRICT, Role.STREET);
        String b = batch == null || batch.isBlank() ? null : Commands.requireId(batch);
        return workbook(actor, "projects", file, b, dryRun, today -> new ProjectImport(today, this::streetOfProject));
    }

    @PostMapping(value = "/progress", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = ProblemsWorkbook.MEDIA_TYPE)
    ResponseEntity<byte[]> progressWorkbook(@RequestParam("file") MultipartFile file, @RequestParam(required = false) Boolean dryRun)
            throws IOException {
        Actor actor = actors.current();
        actor.mustBe("import progress reports", Role.DISTRICT, Role.STREET);
        return workbook(actor, "progress", file, null, dryRun, this::progressImport);
    }

    @PostMapping(value = "/appeal-volumes", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = ProblemsWorkbook.MEDIA_TYPE)
    ResponseEntity<byte[]> appealVolumesWorkbook(@RequestParam("file") MultipartFile file, @RequestParam(required = false) Boolean dryRun)
            throws IOException {
        Actor actor = actors.current();
        actor.mustBe("import appeal volumes", Role.DISTRICT);
        return workbook(actor, "appeal-volumes", file, null, dryRun, AppealVolumeImport::new);
    }

    /** The report of an import: for who imported it, the district and auditors. */
    @GetMapping(value = "/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> report(@PathVariable String importId) {
        Actor actor = actors.current();
        ImportReports.Stored stored = reports.find(Commands.requireId(importId))
                .filter(s -> s.importer().equals(actor.user()) || actor.role() == Role.DISTRICT || actor.role() == Role.AUDITOR)
                .orElseThrow(() -> new Commands.UnknownResource("no import of yours has the id '" + importId + "'"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(stored.report());
    }

    private ResponseEntity<byte[]> workbook(Actor actor, String kind, MultipartFile file, String batch, Boolean dryRun,
                                            Function<LocalDate, ImportKind> kinds) throws IOException {
        ImportReport report = new ImportReport(UUID.randomUUID().toString(), kind, Boolean.TRUE.equals(dryRun));
        Path copy = upload(file, report);
        reports.save(actor.user(), report);
        Importer importer = importer(actor, batch, report, kinds);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Exception failed = finish(actor, kind, importer, report, copy, () -> ProblemsWorkbook.write(copy, report, out));
        if (failed instanceof RuntimeException unexpected) throw unexpected;
        if (failed != null) throw new Commands.InvalidUpload(report.failure);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ProblemsWorkbook.MEDIA_TYPE))
                .header("Content-Disposition", "attachment; filename=\"import-" + report.importId + ".xlsx\"")
                .header("Location", "/api/imports/" + report.importId).body(out.toByteArray());
    }

    /** Why a file could not be read, in the reading library's words without its class names. */
    private static String reason(Exception unreadable) {
        Throwable cause = unreadable;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replaceAll("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ?", "");
    }

    /** The import of one upload: its rows through the commands as of today, its report saved as it grows. */
    private Importer importer(Actor actor, String batch, ImportReport report, Function<LocalDate, ImportKind> kinds) {
        return new Importer(runner, kinds.apply(pool.districtDay(null)), actor, batch, report.dryRun, report,
                running -> reports.save(actor.user(), running), rows, parallelRows);
    }

    /** The upload, kept in a temporary file while it is read; its rows counted so that progress can be told. */
    private static Path upload(MultipartFile file, ImportReport report) throws IOException {
        if (file.isEmpty()) throw new Commands.InvalidUpload("the file is empty");
        Path copy = Files.createTempFile("pool-import-", ".upload");
        try {
            file.transferTo(copy);
            report.total = Math.max(0, SheetReader.countRows(copy) - 1);
            return copy;
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            Files.deleteIfExists(copy);
            throw new Commands.InvalidUpload("the file is neither an Excel workbook (.xlsx) nor CSV that can be read: "
                    + reason(unreadable));
        }
    }

    private ResponseEntity<ImportReport.ImportAnswer> run(Actor actor, String kind, MultipartFile file, String batch,
                                                    Boolean dryRun, Function<LocalDate, ImportKind> kinds) throws IOException {
        ImportReport report = new ImportReport(UUID.randomUUID().toString(), kind, Boolean.TRUE.equals(dryRun));
        Path copy = upload(file, report);
        reports.save(actor.user(), report);
        Importer importer = importer(actor, batch, report, kinds);
        if (report.total > asyncRows) {
            // A large sheet runs in the background: the answer says where its report grows (GET, progress 0 to 1).
            background.execute(() -> finish(actor, kind, importer, report, copy, () -> { }));
            return ResponseEntity.accepted().location(URI.create("/api/imports/" + report.importId)).body(report.answer());
        }
        Exception failed = finish(actor, kind, importer, report, copy, () -> { });
        if (failed instanceof RuntimeException unexpected) throw unexpected; // e.g. the event store down: a 503
        if (failed != null) throw new Commands.InvalidUpload(report.failure);
        return ResponseEntity.ok(report.answer());
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        rows.shutdown();
        background.shutdown();
    }

    /** What is done with the upload after its import, before it is deleted. */
    private interface Afterwards {
        void run() throws IOException;
    }

    /** Runs the import to its end, then {@code afterwards}; what stopped it, or null. */
    private Exception finish(Actor actor, String kind, Importer importer, ImportReport report, Path copy, Afterwards afterwards) {
        try {
            importer.run(copy);
            report.status = ImportReport.Status.DONE;
            afterwards.run();
            return null;
        } catch (IOException | RuntimeException e) {
            report.status = ImportReport.Status.FAILED;
            report.failure = e.getMessage();
            report.problem(new SheetRow.Problem(0, null, "ImportFailed", String.valueOf(e.getMessage())));
            if (!(e instanceof IOException) && !(e instanceof java.io.UncheckedIOException)) {
                log.warn("import {} failed after {} rows: {}", report.importId, report.rows, e.toString());
            }
            return e;
        } finally {
            reports.save(actor.user(), report);
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // a temporary file of the system's own
            }
            if (!report.dryRun) {
                meters.counter("pool.imports.rows", "kind", kind, "outcome", "accepted").increment(report.accepted);
                meters.counter("pool.imports.rows", "kind", kind, "outcome", "rejected").increment(report.rejected);
                meters.counter("pool.imports.rows", "kind", kind, "outcome", "unchanged").increment(report.unchanged);
            }
            log.info("import {} of {} by {}: {} rows, {} accepted, {} rejected, {} unchanged{}", report.importId, kind,
                    actor.user(), report.rows, report.accepted, report.rejected, report.unchanged,
                    report.dryRun ? " (dry run)" : "");
        }
    }
}
