package cn.fengtai.pool.wiring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Problem details written straight to a response, for the refusals made before Spring MVC is reached (sign-in, the
 * firewall, the size limit, the servlet container itself), with the security headers Spring Security would have set,
 * in the reader's language ({@link ProblemLanguage}).
 */
public final class ProblemResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
                             String detail) throws IOException {
        ProblemLanguage.Zh zh = ProblemLanguage.zh(title);
        write(request, response, status, title, detail, zh == null ? null : zh.detail());
    }

    /** A problem whose Chinese detail says more than its kind's sentence (a limit, a name). */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
                             String detail, String zhDetail) throws IOException {
        ProblemLanguage.Zh zh = ProblemLanguage.zh(title);
        boolean chinese = zh != null && zhDetail != null && ProblemLanguage.prefersChinese(request);
        response.resetBuffer();
        response.setStatus(status);
        secure(response);
        response.setHeader("Content-Type", "application/problem+json");
        response.setHeader("Content-Language", chinese ? "zh-CN" : "en");
        byte[] body = json(status, chinese ? zh.title() : title, chinese ? zhDetail : detail, request.getRequestURI())
                .getBytes(StandardCharsets.UTF_8);
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
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) problem.put("instance", instance);
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
