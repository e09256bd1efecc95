package cn.fengtai.pool.command.imports;

import cn.fengtai.pool.command.access.Actor;
import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.dispatch.CommandRunner;
import cn.fengtai.pool.command.dispatch.IdempotencyKeyReused;
import cn.fengtai.pool.command.dispatch.IdempotencyRetention;
import cn.fengtai.pool.command.refusal.Refusal;
import cn.fengtai.pool.events.ActorMetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs one upload through its kind, row by row as the sheet is read: each readable row goes through the command
 * side's own commands ({@link CommandRunner}), with the importer as actor and the import's id in the events'
 * metadata, in a transaction of its own, so a bad row never blocks the good ones. A row is known by its key (kept
 * with the idempotency keys, under {@link IdempotencyRetention#IMPORTS}, for good): the same row again stores nothing
 * and counts as unchanged, so the same file uploaded again, or again after a crash in the middle, stores each row
 * once. A dry run runs every row's commands in a transaction that is rolled back: the same rules, nothing stored.
 * The sheet is read on one thread; the rows' commands run on {@code rows}, several in flight at once (each still in
 * its own transaction), so that one row's database round trips overlap another's instead of following them.
 */
final class Importer {

    private final CommandRunner runner;
    private final ImportKind kind;
    private final Actor importer;
    private final String batch;
    private final boolean dryRun;
    private final ImportReport report;
    private final Consumer<ImportReport> progress;
    private final Set<String> keysInFile = new HashSet<>();
    private final java.util.concurrent.Executor rows;
    private final java.util.concurrent.Semaphore inFlight;
    private final int parallel;
    private final java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
    /** Column to field, from the header row; null until the header has been found. */
    private Map<Integer, String> header;
    /** The header row's cells, as the sheet names its columns. */
    private List<String> headings = List.of();

    Importer(CommandRunner runner, ImportKind kind, Actor importer, String batch, boolean dryRun, ImportReport report,
             Consumer<ImportReport> progress) {
        this(runner, kind, importer, batch, dryRun, report, progress, Runnable::run, 1);
    }

    /** @param parallel how many rows' commands run at once on {@code rows} */
    Importer(CommandRunner runner, ImportKind kind, Actor importer, String batch, boolean dryRun, ImportReport report,
             Consumer<ImportReport> progress, java.util.concurrent.Executor rows, int parallel) {
        this.rows = rows;
        this.parallel = parallel;
        this.inFlight = new java.util.concurrent.Semaphore(parallel);
        this.runner = runner;
        this.kind = kind;
        this.importer = importer;
        this.batch = batch;
        this.dryRun = dryRun;
        this.report = report;
        this.progress = progress;
    }

    void run(Path file) throws IOException {
        try {
            SheetReader.read(file, this::row);
        } finally {
            inFlight.acquireUninterruptibly(parallel); // every row in flight has finished
            inFlight.release(parallel);
        }
        if (failure.get() != null) throw failure.get();
        if (header == null) {
            report.problem(new SheetRow.Problem(0, null, "NoHeader", "no row names three of the columns "
                    + String.join(", ", kind.columns().keySet().stream().filter(c -> !c.matches("[a-zA-Z]+")).toList())));
        }
    }

    private void row(int number, List<String> cells) {
        if (cells.stream().allMatch(cell -> cell == null || cell.isBlank())) return;
        if (header == null) {
            header = header(cells);
            if (header != null) report.headerRow = number;
            return;
        }
        Map<String, String> byField = new HashMap<>();
        Map<String, String> headings = new HashMap<>();
        header.forEach((column, field) -> {
            byField.put(field, column < cells.size() ? cells.get(column) : null);
            headings.put(field, headingOf(column));
        });
        SheetRow row = new SheetRow(number, byField, headings);
        report.rows++;
        SheetRow.Plan plan = kind.plan(row, importer, batch);
        if (plan != null && !keysInFile.add(plan.subject())) {
            row.problem(null, "DuplicateInFile", "an earlier row of this file is about the same project or month");
            plan = null;
        }
        if (plan == null) {
            report.reject(row.problems);
        } else {
            SheetRow.Plan planned = plan;
            // A failure that is no row's fault (the event store down) ends the import: no row is started after it.
            if (failure.get() != null) throw failure.get();
            inFlight.acquireUninterruptibly();
            try {
                rows.execute(() -> {
                    try {
                        apply(row, planned);
                    } catch (RuntimeException unexpected) {
                        failure.compareAndSet(null, unexpected);
                    } finally {
                        inFlight.release();
                    }
                });
            } catch (RuntimeException rejected) {
                inFlight.release();
                throw rejected;
            }
        }
        if (report.rows % 100 == 0) progress.accept(report);
    }

    private void apply(SheetRow row, SheetRow.Plan plan) {
        if (plan.work() == null) {
            report.unchanged(row.number, plan.subject());
            return;
        }
        try {
            Optional<CommandAnswer> before = runner.answeredBefore(IdempotencyRetention.IMPORTS, plan.key(), plan.content());
            if (before.isPresent()) {
                report.unchanged(row.number, before.get().id());
                return;
            }
            CommandAnswer answer = dryRun ? runner.tryOut(importer, plan.work())
                    : runner.run(new CommandRunner.Request(importer, IdempotencyRetention.IMPORTS, plan.key(), plan.content(),
                    Map.of(ActorMetaData.IMPORT_ID, report.importId)), plan.work());
            report.accept(row.number, dryRun ? null : answer.id());
        } catch (IdempotencyKeyReused changed) {
            row.problem(null, "ImportedWithOtherValues", "this row was imported before with other values; change it with a command");
            report.reject(row.problems);
        } catch (AggregateNotFoundException unknown) {
            row.problem(kind.refusalFields().getOrDefault("UnknownProject", null), "UnknownProject",
                    "nothing is known under the id '" + unknown.getAggregateIdentifier() + "'");
            report.reject(row.problems);
        } catch (Refusal refusal) {
            String field = kind.refusalFields().get(refusal.getClass().getSimpleName());
            row.problem(field, refusal.getClass().getSimpleName(), refusal.getMessage());
            report.reject(row.problems);
        }
    }

    /** The header: the first row that names at least three columns of the kind (title rows above it are skipped). */
    private Map<Integer, String> header(List<String> cells) {
        Map<String, String> columns = new HashMap<>();
        kind.columns().forEach((heading, field) -> columns.put(normal(heading), field));
        Map<Integer, String> found = new LinkedHashMap<>();
        List<String> twice = new java.util.ArrayList<>();
        for (int c = 0; c < cells.size(); c++) {
            String field = columns.get(normal(cells.get(c)));
            if (field == null) continue;
            if (found.containsValue(field)) twice.add(cells.get(c).strip());
            else found.put(c, field);
        }
        if (found.size() < 3) return null;
        // Two columns for one field: which one holds the values is a guess; the first is read, and the report says so.
        twice.forEach(heading -> report.problem(new SheetRow.Problem(0, heading, "DuplicateColumn",
                "the column " + heading + " is there twice; the first one is read")));
        headings = cells;
        return found;
    }

    private String headingOf(int column) {
        return column < headings.size() && headings.get(column) != null ? headings.get(column).strip() : null;
    }

    /** Headings compared without blanks, with full-width brackets as ASCII ones, letters in any case. */
    static String normal(String heading) {
        if (heading == null) return "";
        return Normalizer.normalize(heading, Normalizer.Form.NFKC).replaceAll("\\s", "").toLowerCase(java.util.Locale.ROOT);
    }

    static Map<String, String> withFieldNames(Map<String, String> chinese) {
        Map<String, String> columns = new LinkedHashMap<>(chinese);
        chinese.values().forEach(field -> columns.put(field, field));
        return columns;
    }

    /** A short, stable key of ASCII characters for any text (idempotency keys are at most 128 of them). */
    static String hash(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
