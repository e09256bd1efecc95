package cn.fengtai.pool.query.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.List;

/**
 * A table answered as the client asked: CSV ({@code Accept: text/csv} or {@code ?format=csv}) or an Excel workbook
 * ({@code Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet} or {@code ?format=xlsx}). The
 * export endpoints declare both types; Spring's content negotiation has already chosen one of them.
 */
public final class Tables {

    /** What export endpoints declare in {@code produces}. */
    public static final String CSV = Csv.TEXT_CSV;
    public static final String XLSX = Xlsx.MEDIA_TYPE;

    private Tables() {
    }

    /** @param name the file's name without its extension */
    public static ResponseEntity<byte[]> of(String name, List<String> header, List<List<?>> rows) {
        if (!wantsWorkbook()) return Csv.of(name + ".csv", header, rows);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"")
                .body(Xlsx.of(sheetName(name), header, rows));
    }

    /**
     * A table in the layout of a spreadsheet import: one header row of the import's own headings, so that the file,
     * uploaded again, reads as the rows it came from.
     */
    public static ResponseEntity<byte[]> inImportLayout(String name, List<String> headings, List<List<?>> rows) {
        if (!wantsWorkbook()) return Csv.of(name + ".csv", headings, rows);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"")
                .body(Xlsx.of(sheetName(name), headings, null, rows));
    }

    private static boolean wantsWorkbook() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) return false;
        HttpServletRequest request = attributes.getRequest();
        String format = request.getParameter("format");
        if (format != null) return format.equalsIgnoreCase("xlsx");
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(XLSX) && !accept.contains(CSV);
    }

    /** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
    private static String sheetName(String name) {
        String clean = name.replaceAll("[:\\\\/?*\\[\\]]", "_");
        return clean.length() > 31 ? clean.substring(0, 31) : clean;
    }

}
