package cn.fengtai.pool.command.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an uploaded spreadsheet row by row, whatever its name says: a zip file is an Excel workbook (its first sheet,
 * read with POI's streaming SAX reader, so a large workbook is never held whole), anything else is CSV in UTF-8 (with
 * or without a byte-order mark) or, when its start is no UTF-8, GB18030 (what Excel on a Chinese Windows writes).
 * Cells are handed over as the text a person sees; a date cell as {@code YYYY-MM-DD}.
 */
final class SheetReader {

    /** A row of the sheet: its number as the spreadsheet shows it (from 1) and its cells, left to right. */
    interface Rows {
        void row(int number, List<String> cells);
    }

    static final Charset GB18030 = Charset.forName("GB18030");
    private static final int SNIFF = 64 * 1024;

    private SheetReader() {
    }

    static void read(Path file, Rows rows) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(SNIFF);
        }
        if (start.length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4) {
            readWorkbook(file, rows);
        } else {
            readCsv(file, charsetOf(start), rows);
        }
    }

    /** How many rows hold anything (read once before an import, so that its progress can be told). */
    static long countRows(Path file) throws IOException {
        long[] rows = {0};
        read(file, (number, cells) -> {
            if (cells.stream().anyMatch(cell -> cell != null && !cell.isBlank())) rows[0]++;
        });
        return rows[0];
    }

    /** UTF-8 when the start decodes as UTF-8 (a sequence cut at the end aside), GB18030 otherwise. */
    static Charset charsetOf(byte[] start) {
        int end = start.length;
        // A multi-byte character cut by the sniffed length is not an encoding error.
        while (end > 0 && end > start.length - 4 && (start[end - 1] & 0xC0) == 0x80) end--;
        if (end > 0 && (start[end - 1] & 0x80) != 0) end--;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(start, 0, end));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return GB18030;
        }
    }

    private static void readCsv(Path file, Charset charset, Rows rows) throws IOException {
        // A UTF-8 byte-order mark (what Excel writes before "CSV UTF-8") is not part of the first cell.
        try (Reader reader = new InputStreamReader(BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get(),
                charset)) {
            int number = 0;
            for (CSVRecord record : CSVFormat.RFC4180.parse(reader)) {
                number++;
                rows.row(number, record.toList());
            }
        }
    }

    private static void readWorkbook(Path file, Rows rows) throws IOException {
        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(workbook);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) return;
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings,
                        new RowCollector(rows), new IsoDates(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the workbook cannot be read: " + e.getMessage(), e);
        }
    }

    /** Numbers as the cell's format shows them, dates as {@code YYYY-MM-DD} whatever their format. */
    private static final class IsoDates extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904).toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }

    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final Rows rows;
        private final List<String> cells = new ArrayList<>();

        RowCollector(Rows rows) {
            this.rows = rows;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            rows.row(rowNum + 1, List.copyOf(cells));
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) cells.add("");
            cells.add(formattedValue == null ? "" : formattedValue);
        }
    }
}
