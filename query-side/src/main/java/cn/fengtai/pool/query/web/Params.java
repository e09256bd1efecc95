package cn.fengtai.pool.query.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** Parses query parameters strictly, so that a wrong value is a 400 naming the parameter, never a silent default. */
public final class Params {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private Params() {
    }

    public static <E extends Enum<E>> E enumValue(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new BadQuery(parameter, parameter + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A code or id; anything else cannot name a stored thing. */
    public static String code(String parameter, String value) {
        if (value == null || value.isBlank()) return null;
        if (!CODE.matcher(value).matches()) throw new BadQuery(parameter, parameter + " is not a valid code");
        return value;
    }

    public static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadQuery(parameter, parameter + " must be an ISO-8601 instant such as 2024-07-01T00:00:00Z");
        }
    }

    public static int range(String parameter, Integer value, int defaultValue, int min, int max) {
        int v = value == null ? defaultValue : value;
        if (v < min || v > max) throw new BadQuery(parameter, parameter + " must be between " + min + " and " + max);
        return v;
    }
}
