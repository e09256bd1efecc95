package cn.fengtai.pool.events.reference;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The district's code lists with their labels, read from the CSV files shipped in this library so
 * that the command side, the query side and integrators all judge a code the same way. Adding a line to a file adds a
 * code; issue types are an open list in the case, and this is how it grows.
 */
public final class ReferenceCodes {

    /** A code of one of the lists with what a Chinese and an English reader see for it. */
    public record Label(String code, String zh, String en) {
    }

    /** The lists a reader may ask for, by the name the API uses, each in the order of its file. */
    public static final List<String> LISTS = List.of("streets", "categories", "issue-types", "departments", "channels",
            "statuses", "ratings");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).get();
    private static final Map<String, List<Label>> LABELS = loadAll();
    private static final Map<String, String> STREETS = names("streets");
    private static final Map<String, String> DEPARTMENTS = names("departments");
    private static final Map<String, String> ISSUE_TYPES = names("issue-types");

    private ReferenceCodes() {
    }

    /** Street code to its Chinese name, in the order of the file. */
    public static Map<String, String> streets() {
        return STREETS;
    }

    public static Map<String, String> departments() {
        return DEPARTMENTS;
    }

    public static Map<String, String> issueTypes() {
        return ISSUE_TYPES;
    }

    /** The Chinese label of a code of a list, or null for an unknown code or list. */
    public static String zh(String list, String code) {
        if (code == null) return null;
        return labels(list).stream().filter(label -> label.code().equals(code)).map(Label::zh).findFirst().orElse(null);
    }

    public static boolean isStreet(String code) {
        return code != null && STREETS.containsKey(code);
    }

    public static boolean isDepartment(String code) {
        return code != null && DEPARTMENTS.containsKey(code);
    }

    public static boolean isIssueType(String code) {
        return code != null && ISSUE_TYPES.containsKey(code);
    }

    /** The codes of a list with their labels; empty for a list that does not exist. */
    public static List<Label> labels(String list) {
        return LABELS.getOrDefault(list, List.of());
    }

    /** Code to Chinese label, in the order of the file. */
    private static Map<String, String> names(String list) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Label label : LABELS.get(list)) names.put(label.code(), label.zh());
        return Collections.unmodifiableMap(names);
    }

    private static Map<String, List<Label>> loadAll() {
        Map<String, List<Label>> labels = new LinkedHashMap<>();
        for (String list : LISTS) labels.put(list, labelsOf(list + ".csv"));
        return Collections.unmodifiableMap(labels);
    }

    private static List<Label> labelsOf(String file) {
        List<Label> labels = new ArrayList<>();
        try (InputStream in = ReferenceCodes.class.getResourceAsStream("/reference/" + file)) {
            if (in == null) throw new IllegalStateException("reference file missing from the class path: " + file);
            for (CSVRecord row : FORMAT.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                labels.add(new Label(row.get(0), row.get(1), row.get(2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(labels);
    }
}
