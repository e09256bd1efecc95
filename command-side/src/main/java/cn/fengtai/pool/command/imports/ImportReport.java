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
    Status status = Status.RUNNING;
    int rows;
    int accepted;
    int rejected;
    int unchanged;
    final List<SheetRow.Problem> errors = new ArrayList<>();
    final List<Item> items = new ArrayList<>();

    ImportReport(String importId, String kind, boolean dryRun) {
        this.importId = importId;
        this.kind = kind;
        this.dryRun = dryRun;
    }

    void accept(int row, String id) {
        accepted++;
        items.add(new Item(row, id, false));
    }

    void unchanged(int row, String id) {
        unchanged++;
        items.add(new Item(row, id, true));
    }

    void reject(List<SheetRow.Problem> problems) {
        rejected++;
        errors.addAll(problems);
    }

    void problem(SheetRow.Problem problem) {
        errors.add(problem);
    }

    /** The answer's shape (API.md, "Spreadsheets"). */
    record Answer(String importId, String kind, boolean dryRun, Status status, double progress, int rows, int accepted,
                  int rejected, int unchanged, List<SheetRow.Problem> errors, List<Item> items) {
    }

    Answer answer() {
        return new Answer(importId, kind, dryRun, status, status == Status.RUNNING ? 0 : 1, rows, accepted, rejected,
                unchanged, List.copyOf(errors), List.copyOf(items));
    }
}
