package cn.fengtai.pool.wiring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Refuses, as a 400 problem detail, what would otherwise fail deep inside the application as a 500: a query string
 * that is not percent-encoded UTF-8 (Tomcat throws when a parameter is first read) and a header value the security
 * firewall rejects (it throws when the header is first read, wherever that is), and an {@code Accept} or
 * {@code Content-Type} that is no media type at all (no answer can be negotiated for it, not even a problem detail).
 * Runs first, before the body is read.
 */
class MalformedRequests extends OncePerRequestFilter {

    /** What Spring Security's {@code StrictHttpFirewall} allows in header names and values. */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !decodes(query)) {
            ProblemResponses.write(request, response, 400, "Bad Request",
                    "the query string is not valid percent-encoded UTF-8");
            return;
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            boolean allowed = ALLOWED.matcher(name).matches();
            for (String value : Collections.list(request.getHeaders(name))) {
                allowed &= ALLOWED.matcher(value).matches();
            }
            if (!allowed) {
                ProblemResponses.write(request, response, 400, "Bad Request", "the header " + printable(name)
                        + " holds characters that are not allowed (visible ASCII or Latin-1 only)");
                return;
            }
        }
        for (String header : new String[]{"Accept", "Content-Type"}) {
            String value = request.getHeader(header);
            if (value != null && !value.isBlank() && !mediaTypes(value)) {
                ProblemResponses.write(request, response, header.equals("Accept") ? 406 : 415,
                        header.equals("Accept") ? "Not Acceptable" : "Unsupported Media Type",
                        "the header " + header + " is not a media type" + (header.equals("Accept") ? " list" : "")
                                + " (the API speaks application/json)");
                return;
            }
        }
        String contentType = request.getHeader("Content-Type");
        String bodyTypeProblem = contentType == null || contentType.isBlank() ? null : bodyTypeProblem(contentType);
        if (bodyTypeProblem != null) {
            ProblemResponses.write(request, response, 415, "Unsupported Media Type", bodyTypeProblem
                    + " (the API speaks application/json)");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether a header parses as media types: where it does not, no answer could be negotiated at all. */
    private static boolean mediaTypes(String value) {
        try {
            MediaType.parseMediaTypes(value);
            return true;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * What is wrong with a body's media type, null if nothing: a wildcard names no type at all, and a multipart body
     * without its boundary cannot be split (the multipart resolver fails on it before any controller).
     */
    private static String bodyTypeProblem(String value) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(value);
        } catch (InvalidMediaTypeException e) {
            return "a body's Content-Type is one media type";
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) return "a body's Content-Type names one type, not a range";
        if (type.getType().equalsIgnoreCase("multipart") && type.getParameter("boundary") == null) {
            return "a multipart body needs its boundary";
        }
        return null;
    }

    private static boolean decodes(String query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()) return false;
                try {
                    bytes.write(HexFormat.fromHexDigits(query, i + 1, i + 3));
                } catch (IllegalArgumentException notHex) {
                    return false;
                }
                i += 2;
            } else if (c > 0x7f) {
                return false;
            } else {
                bytes.write(c);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String printable(String name) {
        return ALLOWED.matcher(name).matches() && name.length() <= 64 ? name : "(unprintable name)";
    }
}
