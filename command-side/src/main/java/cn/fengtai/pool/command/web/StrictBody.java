package cn.fengtai.pool.command.web;

import cn.fengtai.pool.wiring.PoolProperties;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Command bodies are read strictly, as API.md's conventions say: a duplicate key, a string where a number belongs (or
 * the reverse), a fraction for a whole number, a NUL, another control character or an unpaired surrogate in text, or a date that is not
 * {@code YYYY-MM-DD} between {@code pool.input.earliest-date} and {@code pool.input.latest-date} is refused before
 * anything is bound, every such field named at once together with what bean validation says of the others.
 * Jackson's own leniency (coercions, dates as numbers or arrays, the last of two equal keys winning) cannot be switched
 * off field by field for records, and its first error hides the rest, hence this check of the tree against the
 * request record's components. Unknown fields are ignored, as API.md says.
 */
@ControllerAdvice(basePackages = "cn.fengtai.pool.command")
class StrictBody extends RequestBodyAdviceAdapter {

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private final JsonMapper json;
    private final Validator validator;
    private final LocalDate earliest;
    private final LocalDate latest;

    StrictBody(JsonMapper json, Validator validator,
               PoolProperties pool) {
        this.json = json;
        this.validator = validator;
        this.earliest = pool.input().earliestDate();
        this.latest = pool.input().latestDate();
    }

    /** The fields of a body that are wrong, each with what is wrong with it. */
    static final class InvalidBody extends RuntimeException {
        final List<FieldProblem> errors;

        InvalidBody(List<FieldProblem> errors) {
            super("invalid fields: " + String.join(", ", errors.stream().map(FieldProblem::field).distinct().toList()),
                    null, false, false);
            this.errors = errors;
        }
    }

    record FieldProblem(String field, String message) {
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converter) {
        return targetType instanceof Class<?> type && type.isRecord();
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body;
        try (InputStream in = message.getBody()) {
            body = in.readAllBytes();
        }
        if (body.length > 0) check(body, (Class<?>) targetType);
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }

    private void check(byte[] body, Class<?> type) {
        if (!utf8(body)) throw new InvalidBody(List.of(new FieldProblem("body", "is not valid UTF-8")));
        JsonNode tree;
        List<FieldProblem> problems = new ArrayList<>();
        try {
            problems.addAll(duplicates(body));
            tree = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidBody(List.of(new FieldProblem("body", "is not valid JSON (" + reason(e) + ")")));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) return;
        if (!tree.isObject()) throw new InvalidBody(List.of(new FieldProblem("body", "must be a JSON object")));
        ObjectNode sound = (ObjectNode) tree.deepCopy();
        problems.forEach(duplicate -> sound.remove(root(duplicate.field())));
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode value = tree.get(component.getName());
            if (value == null || value.isNull()) continue;
            List<FieldProblem> found = new ArrayList<>();
            checkValue(component.getName(), value, component.getGenericType(), found);
            problems.addAll(found);
            if (!found.isEmpty()) sound.remove(component.getName());
        }
        if (problems.isEmpty()) return;
        // The fields that are sound are validated too, so the answer names every invalid field at once.
        Set<String> named = new LinkedHashSet<>(problems.stream().map(StrictBody::root).toList());
        try {
            Object bound = json.treeToValue(sound, type);
            for (ConstraintViolation<Object> violation : validator.validate(bound)) {
                // "issueTypes[0].<list element>" is the element itself.
                String field = violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
                if (!named.contains(root(field))) {
                    problems.add(new FieldProblem(field, violation.getMessage()));
                }
            }
        } catch (JacksonException ignored) {
            // What could not be bound is named already.
        }
        throw new InvalidBody(problems);
    }

    private void checkValue(String field, JsonNode value, Type type, List<FieldProblem> problems) {
        if (value.isNull()) return;
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            if (!value.isArray()) {
                problems.add(new FieldProblem(field, "must be a list"));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                checkValue(field + "[" + i + "]", value.get(i), list.getActualTypeArguments()[0], problems);
            }
            return;
        }
        Class<?> raw = type instanceof Class<?> c ? c : Object.class;
        String problem = problem(value, raw);
        if (problem != null) problems.add(new FieldProblem(field, problem));
    }

    private String problem(JsonNode value, Class<?> type) {
        if (type == String.class) return value.isString() ? text(value.asString()) : "must be text";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            if (!value.isNumber()) return "must be a number";
            if (!value.isIntegralNumber()) return "must be a whole number";
            boolean fits = type == Long.class || type == long.class ? value.canConvertToLong() : value.canConvertToInt();
            return fits ? null : "is out of range";
        }
        if (type == BigDecimal.class) return value.isNumber() ? null : "must be a number";
        if (type == Boolean.class || type == boolean.class) return value.isBoolean() ? null : "must be true or false";
        if (type == LocalDate.class) return value.isString() ? date(value.asString()) : "must be a date YYYY-MM-DD";
        if (type.isEnum()) {
            if (!value.isString()) return "must be one of " + Arrays.toString(type.getEnumConstants());
            boolean known = Arrays.stream(type.getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(value.asString()));
            return known ? null : "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        return null;
    }

    /**
     * Text that cannot be stored and shown faithfully: NUL, another control character (a spreadsheet cannot hold one,
     * an export would change it; line breaks and tabs excepted, as the imports read them), or half of a surrogate pair.
     */
    private static String text(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') return "must not contain NUL characters";
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
                return "must not contain control characters (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return "must not contain unpaired surrogates";
                }
            } else if (Character.isLowSurrogate(c)) {
                return "must not contain unpaired surrogates";
            }
        }
        return null;
    }

    private String date(String text) {
        String expected = "must be a date YYYY-MM-DD between " + earliest + " and " + latest;
        if (!DATE.matcher(text).matches()) return expected;
        try {
            LocalDate date = LocalDate.parse(text);
            return date.isBefore(earliest) || date.isAfter(latest) ? expected : null;
        } catch (DateTimeParseException e) {
            return expected;
        }
    }

    /** The body's field a problem is about: {@code issueTypes} for {@code issueTypes[1]}. */
    private static String root(FieldProblem problem) {
        return root(problem.field());
    }

    private static String root(String field) {
        int end = field.length();
        for (char c : new char[]{'[', '.'}) {
            int at = field.indexOf(c);
            if (at >= 0) end = Math.min(end, at);
        }
        return field.substring(0, end);
    }

    /**
     * Every key that appears twice in its object, by its path (a duplicate inside a nested object is named
     * {@code extra.a}): a JSON parser keeps the last and stops at the first when told to be strict.
     */
    private List<FieldProblem> duplicates(byte[] body) {
        List<FieldProblem> found = new ArrayList<>();
        Deque<Set<String>> keys = new ArrayDeque<>();
        try (JsonParser parser = json.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) keys.push(new HashSet<>());
                else if (token == JsonToken.END_OBJECT) keys.pop();
                else if (token == JsonToken.PROPERTY_NAME && !keys.peek().add(parser.currentName())) {
                    found.add(new FieldProblem(path(parser.streamReadContext()), "appears twice"));
                }
            }
        }
        return found;
    }

    /** The path of the current property: {@code title}, {@code extra.a}, {@code tasks[1].x}. */
    private static String path(TokenStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject()) parts.push(at.currentName());
            else if (at.inArray()) parts.push("[" + Math.max(0, at.getCurrentIndex()) + "]");
        }
        return String.join(".", parts).replace(".[", "[");
    }

    /** What is wrong, in the reader's terms: Jackson's own messages name its classes and settings. */
    private static String reason(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        String what = message.contains("nesting depth") ? "nested too deeply"
                : message.contains("Number value length") || message.contains("number length") ? "a number is too long"
                : message.contains("String value length") || message.contains("Name length") ? "a text is too long"
                : message.contains("end-of-input") ? "it ends too early" : "unexpected content";
        var at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? what : what + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** Strict UTF-8: Jackson's reader lets overlong encodings through, which can hide characters from text checks. */
    private static boolean utf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
