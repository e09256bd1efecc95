package cn.fengtai.pool.command.imports;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An import's report where the people who made the sheet read it: the uploaded rows again, cell for cell as text, with
 * a column 问题 beside them naming each row's problems (column, rule and why). The sheet is copied through the same
 * streaming reader the import used and written through POI's streaming writer, so a large sheet is never held whole.
 */
final class ProblemsWorkbook {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String COLUMN = "问题";

    private ProblemsWorkbook() {
    }

    static void write(Path upload, ImportReport report, OutputStream out) throws IOException {
        Map<Integer, String> problems;
        synchronized (report) {
            problems = report.errors.stream().collect(Collectors.groupingBy(
                    problem -> problem.row() == 0 ? Math.max(1, report.headerRow) : problem.row(), TreeMap::new,
                    Collectors.mapping(ProblemsWorkbook::describe, Collectors.joining("；"))));
        }
        int[] widest = {0};
        SheetReader.read(upload, (number, cells) -> widest[0] = Math.max(widest[0], cells.size()));
        int column = widest[0];
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            Sheet sheet = book.createSheet("导入检查");
            CellStyle flagged = book.createCellStyle();
            Font red = book.createFont();
            red.setColor(Font.COLOR_RED);
            flagged.setFont(red);
            SheetReader.read(upload, (number, cells) -> {
                Row row = sheet.createRow(number - 1);
                for (int i = 0; i < cells.size(); i++) {
                    if (cells.get(i) != null) row.createCell(i).setCellValue(cells.get(i));
                }
                String said = number == report.headerRow ? join(COLUMN, problems.get(number)) : problems.get(number);
                if (said != null) {
                    row.createCell(column).setCellValue(said);
                    if (number != report.headerRow || problems.containsKey(number)) row.getCell(column).setCellStyle(flagged);
                }
            });
            sheet.setColumnWidth(column, 60 * 256);
            if (report.headerRow > 0) sheet.createFreezePane(0, report.headerRow);
            book.write(out);
            book.dispose();
        }
    }

    private static String join(String heading, String problems) {
        return problems == null ? heading : heading + "：" + problems;
    }

    private static String describe(SheetRow.Problem problem) {
        return (problem.column() == null ? "" : problem.column() + "：") + problem.rule() + "（" + problem.message() + "）";
    }

    /** Whether an answer of this kind is asked for (Accept names the workbook's media type). */
    static boolean asked(List<String> accept) {
        return accept != null && accept.stream().anyMatch(value -> value.contains(MEDIA_TYPE));
    }
}
