package cn.fengtai.pool.command.imports;

import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.dispatch.Sender;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One row of an uploaded sheet, its cells by field, with the problems found while reading it: every cell is read, so
 * the report names all of a row's problems, not the first.
 */
final class SheetRow {

    /** A problem of a row: its column as the sheet names it (null for the row as a whole) and the rule it breaks. */
    record Problem(int row, String column, String rule, String message) {
    }

    /**
     * What a readable row will do: {@code key} identifies the row across uploads, {@code content} is what the row says
     * (the same key with other content is a changed row), {@code subject} what the row is about (a project, a street's
     * month): one file says one thing about it, a second row about the same subject is a duplicate. {@code work} sends
     * its commands; none for a row about a project the pool already has (its 项目ID), which is unchanged.
     */
    record Plan(String key, String content, String subject, Function<Sender, CommandAnswer> work) {
    }

    final int number;
    private final Map<String, String> cells;
    private final Map<String, String> headers;
    final List<Problem> problems = new ArrayList<>();

    SheetRow(int number, Map<String, String> cells, Map<String, String> headers) {
        this.number = number;
        this.cells = cells;
        this.headers = headers;
    }

    /** A cell read by {@code reading}; a cell it cannot read is noted as a problem and reads as null. */
    <T> T read(String field, Function<String, T> reading) {
        try {
            return reading.apply(cells.get(field));
        } catch (Cells.Problem problem) {
            problems.add(new Problem(number, column(field), problem.rule, problem.getMessage()));
            return null;
        }
    }

    /** A required cell: empty is a problem. */
    <T> T required(String field, Function<String, T> reading) {
        T value = read(field, reading);
        boolean empty = cells.get(field) == null || cells.get(field).isBlank();
        if (empty) problems.add(new Problem(number, column(field), "Required", "the column " + column(field) + " is required"));
        return value;
    }

    void problem(String field, String rule, String message) {
        problems.add(new Problem(number, field == null ? null : column(field), rule, message));
    }

    /** The column's heading as the sheet has it, or the field's name when the sheet has no such column. */
    String column(String field) {
        return headers.getOrDefault(field, field);
    }
}
