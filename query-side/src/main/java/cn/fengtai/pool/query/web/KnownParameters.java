package cn.fengtai.pool.query.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A query parameter no endpoint takes is refused with a 400 naming it, instead of being ignored: a misspelt
 * {@code ?stauts=} or an unsupported {@code ?asOf=} on a list would otherwise answer something other than what was
 * asked, without a word. So is one given twice, of which only one would count. What an endpoint takes is read off its {@code @RequestParam}s.
 */
@Component
class KnownParameters implements HandlerInterceptor, WebMvcConfigurer {

    private static final String QUERY = "cn.fengtai.pool.query";

    private final Map<HandlerMethod, Set<String>> known = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // The query side's endpoints only (in the standalone application the command side's share this servlet).
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getPackageName().startsWith(QUERY)) {
            return true;
        }
        Set<String> taken = known.computeIfAbsent(method, KnownParameters::parametersOf);
        for (String name : Collections.list(request.getParameterNames())) {
            if (taken.contains(name) && request.getParameterValues(name).length > 1 && !repeatable(method, name)) {
                throw new BadQuery(name, "the parameter '" + name + "' is given more than once");
            }
            if (!taken.contains(name)) {
                String shown = shown(name);
                throw new BadQuery(shown, "this address takes no parameter '" + shown + "'"
                        + (taken.isEmpty() ? "" : "; it takes " + String.join(", ", taken)));
            }
        }
        return true;
    }

    /** The name as the answer repeats it: short, and without control characters. */
    private static String shown(String name) {
        String visible = name.replaceAll("\\p{Cntrl}", "?");
        return visible.length() > 64 ? visible.substring(0, 64) + "..." : visible;
    }

    /** A parameter bound to a list ({@code ?type=a&type=b}) may be given more than once. */
    private static boolean repeatable(HandlerMethod method, String name) {
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null && name.equals(parameter.getParameterName())
                    && java.util.Collection.class.isAssignableFrom(parameter.getParameterType())) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> parametersOf(HandlerMethod method) {
        Set<String> names = new TreeSet<>();
        // Read by Spring's content negotiation before a handler is chosen (?format=xlsx, csv or json): see Tables.
        names.add("format");
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param == null) continue;
            String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                    : parameter.getParameterName();
            if (name != null) names.add(name);
        }
        return Collections.unmodifiableSet(names);
    }
}
