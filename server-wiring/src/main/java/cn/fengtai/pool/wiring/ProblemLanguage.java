package cn.fengtai.pool.wiring;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Problem titles in the reader's language: a reader whose Accept-Language puts Chinese first (or, naming none, when
 * {@code pool.problem-language} is Chinese) reads the Chinese title of every problem both sides answer through their
 * controllers. A refused command's title is its rule's own (the command side's {@code refusals_zh.properties}).
 */
@RestControllerAdvice
public class ProblemLanguage implements ResponseBodyAdvice<Object> {

    private static final Map<String, String> ZH = Map.ofEntries(
            Map.entry("Invalid input", "输入有误"), Map.entry("Invalid query", "查询参数有误"),
            Map.entry("Invalid header", "请求头有误"), Map.entry("Invalid upload", "上传的文件无法读取"),
            Map.entry("Malformed request body", "请求内容格式有误"), Map.entry("Not found", "未找到"),
            Map.entry("Not Found", "未找到"), Map.entry("Not allowed", "无权查看"), Map.entry("Not signed in", "请先登录"),
            Map.entry("Already exists", "已经存在"), Map.entry("Concurrent change", "数据已被同时修改，请重试"),
            Map.entry("Event store unavailable", "事件存储暂时不可用"), Map.entry("Read models unavailable", "查询数据暂时不可用"),
            Map.entry("Internal error", "内部错误"), Map.entry("Bad Request", "请求有误"),
            Map.entry("Not Acceptable", "无法提供所要求的格式"), Map.entry("Unsupported Media Type", "不支持的内容类型"),
            Map.entry("Method Not Allowed", "不支持此请求方法"), Map.entry("Request too large", "请求内容过大"),
            Map.entry("Length Required", "请求须注明内容长度"), Map.entry("Forbidden", "无权执行此操作"),
            Map.entry("Unauthorized", "请先登录"));

    private final boolean chineseByDefault;

    public ProblemLanguage(PoolProperties pool) {
        this.chineseByDefault = pool.problemLanguage().toLowerCase(Locale.ROOT).startsWith("zh");
    }

    /** Whether the request's Accept-Language puts Chinese first; without one, {@code byDefault}. */
    public static boolean prefersChinese(HttpServletRequest request, boolean byDefault) {
        String header = request == null ? null : request.getHeader("Accept-Language");
        if (header == null || header.isBlank() || header.strip().equals("*")) return byDefault;
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            return !ranges.isEmpty() && ranges.get(0).getRange().toLowerCase(Locale.ROOT).startsWith("zh");
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && problem.getTitle() != null && ZH.containsKey(problem.getTitle())
                && request instanceof ServletServerHttpRequest servlet
                && prefersChinese(servlet.getServletRequest(), chineseByDefault)) {
            problem.setTitle(ZH.get(problem.getTitle()));
        }
        return body;
    }
}
