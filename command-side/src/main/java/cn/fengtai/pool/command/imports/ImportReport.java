package cn.fengtai.pool.command.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did, row by row, as {@code POST /api/imports/...} and {@code GET /api/imports/{id}} answer it:
 * {@code row} is the spreadsheet's row number; {@code items} are the rows stored (or, in a dry run, that would be)
 * and the unchanged ones, with their project or volume id.
 */
final class ImportReport {

    enum Status { RUNNING, DONE, FAILED }

    record Item(int row, String id, boolean unchanged) {
    }

    final String importId;
    final String kind;
    final boolean dryRun;
    volatile Status status = Status.RUNNING;
    /** Why a failed import stopped. */
    String failure;
    int rows;
    /** The sheet's row number of its header (title rows above it are skipped), 0 until one is found. */
    volatile int headerRow;
    int accepted;
    int rejected;
    int unchanged;
    /** The rows of the sheet below its header (title rows counted too), as far as a first reading could tell. */
    long total;
    private final long started = System.nanoTime();
    final List<SheetRow.Problem> errors = new ArrayList<>();
    final List<Item> items = new ArrayList<>();

    ImportReport(String importId, String kind, boolean dryRun) {
        this.importId = importId;
        this.kind = kind;
        this.dryRun = dryRun;
    }

    synchronized void accept(int row, String id) {
        accepted++;
        items.add(new Item(row, id, false));
    }

    synchronized void unchanged(int row, String id) {
        unchanged++;
        items.add(new Item(row, id, true));
    }

    synchronized void reject(List<SheetRow.Problem> problems) {
        rejected++;
        errors.addAll(problems);
    }

    synchronized void problem(SheetRow.Problem problem) {
        errors.add(problem);
    }

    /** The answer's shape (API.md, "Spreadsheets"): {@code progress} from 0 to 1, {@code rowsPerSecond} since the import began. */
    record ImportAnswer(String importId, String kind, boolean dryRun, Status status, double progress, long total,
                  double rowsPerSecond, int rows, int accepted, int rejected, int unchanged,
                  List<SheetRow.Problem> errors, List<Item> items) {
    }

    synchronized ImportAnswer answer() {
        double progress = status != Status.RUNNING ? 1 : total <= 0 ? 0 : Math.min(0.99, (double) rows / total);
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        return new ImportAnswer(importId, kind, dryRun, status, Math.round(progress * 1000) / 1000.0, total,
                Math.round(rows / seconds * 10) / 10.0, rows, accepted, rejected, unchanged,
                errors.stream().sorted(java.util.Comparator.comparingInt(SheetRow.Problem::row)).toList(),
                items.stream().sorted(java.util.Comparator.comparingInt(Item::row)).toList());
    }
}
