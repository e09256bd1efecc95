package cn.fengtai.pool.command.imports;

import cn.fengtai.pool.events.reference.ReferenceCodes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cells as people type them, each form read once, here: codes or their Chinese or English labels ({@code 西罗园街道}
 * or {@code xiluoyuan}, {@code 改善居住条件} or {@code HOUSING}), dates as {@code 2024-06-30}, {@code 2024/6/30} or
 * {@code 2024年6月30日} (a date cell arrives as the first), amounts with thousands separators, full-width digits or a
 * trailing 元, lists separated by 、 , ; ；, yes and no as 是/否. A cell that reads as none of its forms is a
 * {@link Problem} naming the rule.
 */
final class Cells {

    /** A cell that cannot be read: {@code rule} names what it breaks. */
    static final class Problem extends RuntimeException {
        final String rule;

        Problem(String rule, String message) {
            super(message, null, false, false);
            this.rule = rule;
        }
    }

    private static final Map<String, Map<String, String>> CODES = new HashMap<>();
    private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*月?");
    private static final Pattern LIST = Pattern.compile("[、,，;；]");
    private static final Pattern TASKS = Pattern.compile("[;；\\n]");

    static {
        for (String list : ReferenceCodes.LISTS) {
            Map<String, String> byText = new HashMap<>();
            for (ReferenceCodes.Label label : ReferenceCodes.labels(list)) {
                byText.put(label.code().toLowerCase(Locale.ROOT), label.code());
                byText.put(label.zh(), label.code());
                if (label.en() != null) byText.put(label.en().toLowerCase(Locale.ROOT), label.code());
            }
            CODES.put(list, byText);
        }
    }

    private Cells() {
    }

    /** A code of a reference list, given as the code or as a label; null for an empty cell. */
    static String code(String list, String cell) {
        String text = text(cell);
        if (text == null) return null;
        String code = CODES.get(list).get(text.toLowerCase(Locale.ROOT));
        if (code == null) code = CODES.get(list).get(text);
        if (code == null) throw new Problem("UnknownCode", "'" + text + "' is no code or name of the list " + list);
        return code;
    }

    /** Codes of a list, separated by 、 , ; or ；. */
    static List<String> codes(String list, String cell) {
        List<String> codes = new ArrayList<>();
        for (String part : split(cell, LIST)) codes.add(code(list, part));
        return codes;
    }

    static List<String> tasks(String cell) {
        return split(cell, TASKS);
    }

    static List<String> list(String cell) {
        return split(cell, LIST);
    }

    static LocalDate date(String cell) {
        String text = text(cell);
        if (text == null) return null;
        Matcher m = DATE.matcher(halfWidth(text));
        if (!m.matches()) throw new Problem("NotADate", "'" + text + "' is no date (2024-06-30)");
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (java.time.DateTimeException e) {
            throw new Problem("NotADate", "'" + text + "' is no day of the calendar");
        }
    }

    static String month(String cell) {
        String text = text(cell);
        if (text == null) return null;
        Matcher m = MONTH.matcher(halfWidth(text));
        if (!m.matches()) {
            // a date cell in a month column: its month
            try {
                return YearMonth.from(date(text)).toString();
            } catch (Problem | DateTimeParseException e) {
                throw new Problem("NotAMonth", "'" + text + "' is no month (2024-03)");
            }
        }
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) throw new Problem("NotAMonth", "'" + text + "' is no month (2024-03)");
        return YearMonth.of(Integer.parseInt(m.group(1)), month).toString();
    }

    /** An amount of money or a count: 1,234.5, １２３４, 120000元, 60%. */
    static BigDecimal number(String cell) {
        String text = text(cell);
        if (text == null) return null;
        String plain = halfWidth(text).replace(",", "").replace("，", "").replace(" ", "").replace("元", "")
                .replace("¥", "").replace("￥", "");
        boolean percent = plain.endsWith("%");
        if (percent) plain = plain.substring(0, plain.length() - 1);
        try {
            BigDecimal number = new BigDecimal(plain);
            if (number.scale() > 2 && !percent) throw new Problem("NotANumber", "'" + text + "' has more than two decimals");
            return number;
        } catch (NumberFormatException e) {
            throw new Problem("NotANumber", "'" + text + "' is no number");
        }
    }

    static Boolean yesNo(String cell) {
        String text = text(cell);
        if (text == null) return null;
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "是", "y", "yes", "true", "1", "完成", "已完成" -> true;
            case "否", "n", "no", "false", "0", "未完成" -> false;
            default -> throw new Problem("NotYesOrNo", "'" + text + "' is neither 是 nor 否");
        };
    }

    /**
     * The cell's text without surrounding blanks (full-width ones too); null when empty. Control characters (NUL and the
     * like) and broken characters are refused, as the HTTP API refuses them.
     */
    static String text(String cell) {
        if (cell == null) return null;
        String text = cell.strip();
        if (text.isEmpty()) return null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new Problem("ControlCharacter", "the cell holds a control character (U+" + String.format("%04X", (int) c) + ")");
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)))) {
                if (!(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                    throw new Problem("BrokenCharacter", "the cell holds a broken character");
                }
            }
        }
        return text;
    }

    private static List<String> split(String cell, Pattern separators) {
        String text = text(cell);
        if (text == null) return List.of();
        List<String> parts = new ArrayList<>();
        for (String part : separators.split(text)) {
            if (!part.isBlank()) parts.add(part.strip());
        }
        return parts;
    }

    /** Full-width digits and signs (what a Chinese input method types) as their ASCII forms. */
    private static String halfWidth(String text) {
        StringBuilder plain = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            plain.append(c >= '０' && c <= '９' ? (char) (c - '０' + '0') : c == '．' ? '.' : c == '－' ? '-' : c == '／' ? '/' : c);
        }
        return plain.toString();
    }
}
