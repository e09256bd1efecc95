package cn.fengtai.pool.events.wiring;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Problem details written straight to a response, for the refusals made before Spring MVC is reached (sign-in, the
 * firewall, the size limit, the servlet container itself), with the security headers Spring Security would have set.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, int status, String title, String detail, String instance)
            throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        secure(response);
        response.setHeader("Content-Type", "application/problem+json");
        byte[] body = json(status, title, detail, instance).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The headers every answer carries (Spring Security's defaults and this application's content policy). */
    public static void secure(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    static String json(int status, String title, String detail, String instance) {
        StringBuilder out = new StringBuilder("{\"type\":\"about:blank\",\"title\":");
        quote(out, title).append(",\"status\":").append(status).append(",\"detail\":");
        quote(out, detail);
        if (instance != null) quote(out.append(",\"instance\":"), instance);
        return out.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"');
    }
}
