package cn.fengtai.pool.standalone;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample first batch as the workbook an office keeps: a title row over the header, days as date cells, amounts
 * as numbers, the header frozen. It is written from the sample CSV ({@code -Dsamples.write=true}) and this test
 * keeps the committed workbook's cells the same as the CSV's, so the two samples cannot drift apart.
 */
class SampleWorkbookTest {

    private static final Path CSV = Path.of("..", "docs", "samples", "first-batch-projects.csv");
    static final Path WORKBOOK = Path.of("..", "docs", "samples", "first-batch-projects.xlsx");

    @Test
    void theSampleWorkbookHoldsTheSampleListsCells() throws Exception {
        List<List<String>> rows = csvRows();
        if (Boolean.getBoolean("samples.write")) Files.write(WORKBOOK, workbook(rows));
        try (Workbook book = new XSSFWorkbook(Files.newInputStream(WORKBOOK))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            DataFormatter shown = new DataFormatter();
            for (int r = 0; r < rows.size(); r++) {
                List<String> expected = rows.get(r);
                Row row = sheet.getRow(r);
                for (int c = 0; c < expected.size(); c++) {
                    Cell cell = row.getCell(c);
                    String text = cell == null ? "" : cell.getCellType() == CellType.NUMERIC && isDate(cell)
                            ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
                            : cell.getCellType() == CellType.NUMERIC ? new BigDecimal(shown.formatCellValue(cell).replace(",", "")).toPlainString()
                            : cell.getStringCellValue();
                    assertThat(text).as("row %d column %d", r + 1, c + 1).isEqualTo(expected.get(c).replace(",", r > 1 && c == 7 ? "" : ","));
                }
            }
            assertThat(sheet.getLastRowNum()).isEqualTo(rows.size() - 1);
            assertThat(isDate(sheet.getRow(2).getCell(9))).as("完成时限 as a date cell").isTrue();
            assertThat(sheet.getRow(2).getCell(7).getCellType()).as("预计金额 as a number").isEqualTo(CellType.NUMERIC);
        }
    }

    private static boolean isDate(Cell cell) {
        return cell != null && cell.getCellType() == CellType.NUMERIC && org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(cell);
    }

    private static List<List<String>> csvRows() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(CSV, StandardCharsets.UTF_8)) {
            for (CSVRecord record : CSVFormat.RFC4180.parse(reader)) {
                List<String> cells = new ArrayList<>(record.toList());
                if (rows.isEmpty()) cells.set(0, cells.get(0).replace("\uFEFF", ""));
                rows.add(cells);
            }
        }
        return rows;
    }

    private static byte[] workbook(List<List<String>> rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("第一批清单");
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle day = book.createCellStyle();
            day.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle money = book.createCellStyle();
            money.setDataFormat(book.createDataFormat().getFormat("#,##0"));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    String text = cells.get(c);
                    if (text.isEmpty()) continue;
                    Cell cell = row.createCell(c);
                    if (r > 1 && c == 7) {
                        cell.setCellValue(Double.parseDouble(text.replace(",", "")));
                        cell.setCellStyle(money);
                    } else if (r > 1 && c == 9) {
                        cell.setCellValue(LocalDate.parse(text));
                        cell.setCellStyle(day);
                    } else {
                        cell.setCellValue(text);
                        if (r <= 1) cell.setCellStyle(bold);
                    }
                }
            }
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, rows.get(1).size() - 1));
            sheet.createFreezePane(0, 2);
            int[] widths = {10, 12, 16, 24, 16, 16, 10, 14, 14, 12, 36};
            for (int c = 0; c < widths.length; c++) sheet.setColumnWidth(c, widths[c] * 256);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        }
    }
}
