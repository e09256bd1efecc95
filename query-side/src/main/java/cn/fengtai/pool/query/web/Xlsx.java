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
 * Excel workbooks for district staff: one sheet, a bold header row in Chinese ({@link ColumnLabels}) with the field
 * names in a second row for programs, numbers as numbers, everything else as text (a text cell is never evaluated, so
 * a title like {@code =1+1} stays a title). Written with POI's streaming writer, which keeps only a window of rows in
 * memory.
 */
public final class Xlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Excel shows about 15 significant digits of a number: longer ones are written as text, exactly. */
    private static final int MAX_NUMBER_DIGITS = 15;

    private Xlsx() {
    }

    static byte[] of(String sheetName, List<String> header, List<List<?>> rows) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            Sheet sheet = workbook.createSheet(sheetName);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row labels = sheet.createRow(0);
            Row names = sheet.createRow(1);
            for (int c = 0; c < header.size(); c++) {
                Cell label = labels.createCell(c);
                label.setCellValue(ColumnLabels.zh(header.get(c)));
                label.setCellStyle(bold);
                names.createCell(c).setCellValue(header.get(c));
            }
            sheet.createFreezePane(0, 2);
            int r = 2;
            for (List<?> values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) set(row.createCell(c), values.get(c));
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            workbook.write(body);
            return body.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void set(Cell cell, Object value) {
        if (value == null) return;
        if (value instanceof Boolean yes) {
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
