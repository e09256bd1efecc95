package cn.fengtai.pool.query.appeal;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reporting period: a year {@code 2024}, a half {@code 2024-H1}, a quarter {@code 2024-Q2} or a month {@code 2024-03}. */
public record Period(String label, YearMonth first, int months) {

    private static final Pattern FORMAT = Pattern.compile("((?:19|20)\\d{2})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?");

    public static Period parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("period must be YYYY, YYYY-H1, YYYY-Q1 or YYYY-MM, not '" + text + "'");
        }
        int year = Integer.parseInt(m.group(1));
        String part = m.group(2);
        if (part == null) return new Period(text, YearMonth.of(year, 1), 12);
        if (part.startsWith("H")) return new Period(text, YearMonth.of(year, (part.charAt(1) - '1') * 6 + 1), 6);
        if (part.startsWith("Q")) return new Period(text, YearMonth.of(year, (part.charAt(1) - '1') * 3 + 1), 3);
        return new Period(text, YearMonth.of(year, Integer.parseInt(part)), 1);
    }

    /** The same period a year earlier, the baseline of every trend. */
    public Period yearBefore() {
        String earlierLabel = (first.getYear() - 1) + label.substring(4);
        return new Period(earlierLabel, first.minusYears(1), months);
    }

    public List<String> monthCodes() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < months; i++) {
            codes.add(first.plusMonths(i).toString());
        }
        return codes;
    }
}
