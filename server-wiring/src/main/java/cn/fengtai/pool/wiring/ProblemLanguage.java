package cn.fengtai.pool.wiring;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.ServletContextAware;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Problems in the reader's language: a reader whose Accept-Language puts Chinese first (or, naming none, when
 * {@code pool.problem-language} is Chinese) reads a Chinese {@code title} and {@code detail} in every problem, whether a
 * controller answered it (this advice) or a filter, the security chain or the servlet container did
 * ({@link ProblemResponses}). A refused command brings its own Chinese sentence (the command side's refusals); the
 * other problems have one sentence per kind, naming the fields their {@code errors} list, whose messages stay English.
 * The default language is kept in the servlet context so the writers outside Spring MVC read the same setting.
 */
@RestControllerAdvice
public class ProblemLanguage implements ResponseBodyAdvice<Object>, ServletContextAware {

    /** The servlet context attribute holding {@code pool.problem-language}. */
    static final String DEFAULT_LANGUAGE = "pool.problem-language";

    /** A problem's Chinese title and detail, by its English title. */
    record Zh(String title, String detail) {
    }

    private static final Map<String, Zh> ZH = Map.ofEntries(
            Map.entry("Invalid input", new Zh("输入有误", "提交的内容有字段不符合要求")),
            Map.entry("Invalid query", new Zh("查询参数有误", "查询参数无法识别或取值不符合要求")),
            Map.entry("Invalid header", new Zh("请求头有误", "请求头的取值不符合要求")),
            Map.entry("Invalid upload", new Zh("上传的文件无法读取", "上传的文件不是可读取的 .xlsx 或 .csv 表格")),
            Map.entry("Malformed request body", new Zh("请求内容格式有误", "请求内容不是所要求格式的 JSON")),
            Map.entry("Not found", new Zh("未找到", "没有找到所要的内容")),
            Map.entry("Not Found", new Zh("未找到", "此地址下没有内容")),
            Map.entry("Not allowed", new Zh("无权查看", "你的角色、街镇或部门不能查看或执行此项")),
            Map.entry("Not signed in", new Zh("请先登录", "此操作须先登录（内置默认配置用 HTTP Basic，生产环境用 Bearer 令牌）")),
            Map.entry("Already exists", new Zh("已经存在", "该编号已被使用")),
            Map.entry("Concurrent change", new Zh("数据已被同时修改，请重试", "他人同时修改了这条数据，请重新读取后再试")),
            Map.entry("Event store unavailable", new Zh("事件存储暂时不可用", "没有保存任何内容，请稍后再试")),
            Map.entry("Read models unavailable", new Zh("查询数据暂时不可用", "查询数据暂时不可用，请稍后再试")),
            Map.entry("Internal error", new Zh("内部错误", "请求未能完成")),
            Map.entry("Bad Request", new Zh("请求有误", "请求的格式有误")),
            Map.entry("Not Acceptable", new Zh("无法提供所要求的格式",
                    "接口以 JSON 回答（application/json，出错时为 application/problem+json）")),
            Map.entry("Unsupported Media Type", new Zh("不支持的内容类型", "请求内容请以 application/json 发送")),
            Map.entry("Method Not Allowed", new Zh("不支持此请求方法", "此地址不支持该请求方法")),
            Map.entry("Request too large", new Zh("请求内容过大", "请求内容超过了此地址允许的大小")),
            Map.entry("Length Required", new Zh("请求须注明内容长度", "请求内容须以 Content-Length 注明长度")),
            Map.entry("Forbidden", new Zh("无权执行此操作", "你的角色不能执行此操作")),
            Map.entry("Unauthorized", new Zh("请先登录", "此操作须先登录")),
            Map.entry("IdempotencyKeyReused", new Zh("幂等键已用于另一个请求", "这个 Idempotency-Key 已用于另一个不同的请求")),
            Map.entry("Error", new Zh("出错了", "请求无法得到回答")));

    private final String defaultLanguage;

    public ProblemLanguage(PoolProperties pool) {
        this.defaultLanguage = pool.problemLanguage();
    }

    @Override
    public void setServletContext(ServletContext servletContext) {
        servletContext.setAttribute(DEFAULT_LANGUAGE, defaultLanguage);
    }

    /** Whether the request's Accept-Language puts Chinese first; without one, whether the configured default is Chinese. */
    public static boolean prefersChinese(HttpServletRequest request) {
        if (request == null) return false;
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return configuredLanguage(request) instanceof String language && isChinese(language);
        }
        try {
            // The most wanted language the reader accepts at all: a weight of 0 says "not this one".
            return Locale.LanguageRange.parse(header).stream().filter(range -> range.getWeight() > 0).findFirst()
                    .map(range -> isChinese(range.getRange())).orElse(false);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The configured default; none for a request the container refused before it reached the application. */
    private static Object configuredLanguage(HttpServletRequest request) {
        try {
            ServletContext context = request.getServletContext();
            return context == null ? null : context.getAttribute(DEFAULT_LANGUAGE);
        } catch (RuntimeException unmapped) {
            // Tomcat's request answers its context with a NullPointerException when no context was mapped.
            return null;
        }
    }

    private static boolean isChinese(String language) {
        return language.toLowerCase(Locale.ROOT).startsWith("zh");
    }

    /** The Chinese title and detail of a problem titled {@code title} in English, if it has one. */
    static Zh zh(String title) {
        return title == null ? null : ZH.get(title);
    }

    /** Turns a problem into Chinese when its reader prefers it; a rule's problem already came in its reader's language. */
    public static void localize(ProblemDetail problem, HttpServletRequest request) {
        Zh zh = zh(problem.getTitle());
        if (zh == null || !prefersChinese(request)) return;
        problem.setTitle(zh.title());
        problem.setDetail(zh.detail() + fields(problem.getProperties() == null ? null : problem.getProperties().get("errors")));
    }

    /** "（字段：status、q）" for a problem whose {@code errors} name fields; the reader finds each message there. */
    private static String fields(Object errors) {
        if (!(errors instanceof Collection<?> list) || list.isEmpty()) return "";
        String names = list.stream().map(error -> error instanceof Map<?, ?> map ? map.get("field") : null)
                .filter(Objects::nonNull).map(String::valueOf).distinct().collect(Collectors.joining("、"));
        return names.isEmpty() ? "" : "（字段：" + names + "）";
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
            localize(problem, servlet.getServletRequest());
            response.getHeaders().set("Content-Language", prefersChinese(servlet.getServletRequest()) ? "zh-CN" : "en");
            response.getHeaders().add("Vary", "Accept-Language");
        }
        return body;
    }
}
