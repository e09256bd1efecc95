package cn.fengtai.pool.query.statistics;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The statistics are the same for every reader, so a busy public page should cost a 304: each answer carries an ETag
 * of its body and may be kept by any cache for a few seconds; anonymous readers' answers are kept by the application
 * until a read model changes ({@link cn.fengtai.pool.query.web.PublicAnswers}), the others' hashed as they are sent
 * (Spring's {@link ShallowEtagHeaderFilter}). The past ({@code asOf}) is for signed-in readers only, so those answers
 * are private.
 */
@Configuration(proxyBeanMethods = false)
class StatisticsCaching {

    private static final String PUBLIC = "public, max-age=10";
    private static final String PRIVATE = "private, no-cache";

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> statisticsEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/api/statistics/*");
        return registration;
    }

    /** Before the ETag filter: the answers it keeps carry their ETag already. */
    @Bean
    FilterRegistrationBean<cn.fengtai.pool.query.web.PublicAnswers> publicAnswers(cn.fengtai.pool.wiring.PoolProperties pool,
                                                                                 io.micrometer.core.instrument.MeterRegistry meters) {
        FilterRegistrationBean<cn.fengtai.pool.query.web.PublicAnswers> registration =
                new FilterRegistrationBean<>(new cn.fengtai.pool.query.web.PublicAnswers(pool, meters));
        registration.addUrlPatterns("/api/statistics/*", "/api/projects", "/api/projects/*");
        registration.setOrder(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    @ControllerAdvice(assignableTypes = {StatisticsController.class, SupervisionController.class})
    static class CacheControl implements ResponseBodyAdvice<Object> {

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                      Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                      ServerHttpResponse response) {
            if (request instanceof ServletServerHttpRequest servlet && !(body instanceof org.springframework.http.ProblemDetail)) {
                HttpServletRequest http = servlet.getServletRequest();
                response.getHeaders().setCacheControl(http.getParameter("asOf") == null ? PUBLIC : PRIVATE);
            }
            return body;
        }
    }
}
