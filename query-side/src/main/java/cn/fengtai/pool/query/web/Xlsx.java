package cn.fengtai.pool.query.web;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Excel workbooks for district staff: one sheet, a bold, frozen header row in Chinese ({@link ColumnLabels}) with the
 * field names in a second row for programs (or the import's headings alone, {@link Tables#inImportLayout}), numbers
 * as numbers, days as dates, everything else as text (a text cell is never evaluated, so a title like {@code =1+1}
 * stays a title), columns as wide as their widest cell. Written with POI's streaming writer, which keeps only a window
 * of rows in memory.
 */
public final class Xlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Excel shows about 15 significant digits of a number: longer ones are written as text, exactly. */
    private static final int MAX_NUMBER_DIGITS = 15;

    private Xlsx() {
    }

    static byte[] of(String sheetName, List<String> header, List<List<?>> rows) {
        return of(sheetName, header.stream().map(ColumnLabels::zh).toList(), header, rows);
    }

    /** @param names the second header row, or null for none */
    static byte[] of(String sheetName, List<String> headings, List<String> names, List<List<?>> rows) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            Sheet sheet = workbook.createSheet(sheetName);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle day = workbook.createCellStyle();
            day.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            int[] widths = new int[headings.size()];
            Row labels = sheet.createRow(0);
            for (int c = 0; c < headings.size(); c++) {
                Cell label = labels.createCell(c);
                label.setCellValue(headings.get(c));
                label.setCellStyle(bold);
                widths[c] = width(headings.get(c));
            }
            int r = 1;
            if (names != null) {
                Row second = sheet.createRow(r++);
                for (int c = 0; c < names.size(); c++) second.createCell(c).setCellValue(names.get(c));
            }
            sheet.createFreezePane(0, r);
            for (List<?> values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    set(row.createCell(c), values.get(c), day);
                    if (c < widths.length && values.get(c) != null) widths[c] = Math.max(widths[c], width(values.get(c).toString()));
                }
            }
            for (int c = 0; c < widths.length; c++) sheet.setColumnWidth(c, Math.min(60, Math.max(8, widths[c] + 2)) * 256);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            workbook.write(body);
            workbook.dispose();
            return body.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text's width in Excel's character units: a Chinese character takes two. */
    private static int width(String text) {
        return text.codePoints().map(c -> Character.isIdeographic(c) || c > 0x2E80 ? 2 : 1).sum();
    }

    private static void set(Cell cell, Object value, CellStyle day) {
        if (value == null) return;
        if (value instanceof java.time.LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(day);
        } else if (value instanceof Boolean yes) {
            cell.setCellValue(yes);
        } else if (value instanceof BigDecimal number && number.precision() <= MAX_NUMBER_DIGITS
                && Math.abs(number.scale()) <= MAX_NUMBER_DIGITS) {
            cell.setCellValue(number.doubleValue());
        } else if ((value instanceof Integer || value instanceof Long) && Math.abs(((Number) value).longValue()) < 1e15) {
            cell.setCellValue(((Number) value).doubleValue());
        } else {
            cell.setCellValue(value instanceof BigDecimal number ? number.toPlainString() : value.toString());
        }
    }
}
