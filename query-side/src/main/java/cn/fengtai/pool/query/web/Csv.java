package cn.fengtai.pool.query.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV answers that open correctly in Excel with Chinese text: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
 * quoting. A cell that starts like a formula is prefixed with a quote, so a title can never run as one in Excel.
 */
public final class Csv {

    public static final String TEXT_CSV = "text/csv";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Csv() {
    }

    public static ResponseEntity<byte[]> of(String fileName, List<String> header, List<List<?>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        rows.forEach(row -> line(out, row));
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, body, 0, BOM.length);
        System.arraycopy(text, 0, body, BOM.length, text.length);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").body(body);
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    private static String cell(Object value) {
        if (value == null) return "";
        String text = value instanceof java.math.BigDecimal number && Math.abs(number.scale()) <= 100
                ? number.toPlainString() : value.toString();
        // A cell a spreadsheet would read as a formula (OWASP's list: = + - @ TAB CR) is written as text.
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
