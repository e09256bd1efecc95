package cn.fengtai.pool.query.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV answers that open correctly in Excel with Chinese text: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
 * quoting (Commons CSV). A cell that starts like a formula is prefixed with a quote, so a title can never run as one in
 * a spreadsheet.
 */
public final class Csv {

    public static final String TEXT_CSV = "text/csv";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private Csv() {
    }

    public static ResponseEntity<byte[]> of(String fileName, List<String> header, List<List<?>> rows) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(body, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, FORMAT)) {
            writer.write('\uFEFF');
            csv.printRecord(header.stream().map(Csv::cell));
            for (List<?> row : rows) csv.printRecord(row.stream().map(Csv::cell));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").body(body.toByteArray());
    }

    /** A cell's text; one a spreadsheet would read as a formula (OWASP: = + - @ TAB CR at the start) as plain text. */
    static String cell(Object value) {
        if (value == null) return "";
        String text = value instanceof BigDecimal number && Math.abs(number.scale()) <= 100
                ? number.toPlainString() : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")) {
            return "'" + text;
        }
        return text;
    }
}
