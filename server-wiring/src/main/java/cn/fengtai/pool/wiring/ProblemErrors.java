package cn.fengtai.pool.wiring;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.io.IOException;
import java.net.URI;

/**
 * Whatever ends in the servlet container's error page (an unknown path, a request the security firewall rejects, a
 * failure outside every controller) answers as an RFC 9457 problem detail, without a stack trace. Encoded slashes in
 * paths are passed on to the application, which refuses them itself, instead of being answered by Tomcat's HTML page.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnClass(name = {"org.springframework.boot.webmvc.error.ErrorController", "jakarta.servlet.Servlet"})
public class ProblemErrors {

    /**
     * Every problem detail a controller answers carries its {@code type} ({@code about:blank}: the status says what
     * kind of problem it is) and the path it answers ({@code instance}), whichever advice made it.
     */
    @ControllerAdvice
    static class ProblemDefaults implements ResponseBodyAdvice<Object> {

        private static final URI BLANK = URI.create("about:blank");

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                      Class<? extends HttpMessageConverter<?>> converterType,
                                      ServerHttpRequest request, ServerHttpResponse response) {
            if (!(body instanceof ProblemDetail problem)) return body;
            if (problem.getType() == null) problem.setType(BLANK);
            if (problem.getInstance() == null && request instanceof ServletServerHttpRequest servlet) {
                instance(problem, servlet.getServletRequest().getRequestURI());
            }
            return problem;
        }
    }

    /**
     * Refusals that can surface inside any controller, answered before the sides' own advice takes them for failures:
     * an {@code Accept} that allows no JSON (written past content negotiation, which would leave the 406 empty), and
     * a body the firewall or Tomcat rejects when it is read as form parameters.
     */
    @ControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class RequestRefusals {

        @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
        void notAcceptable(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ProblemResponses.write(request, response, 406, "Not Acceptable",
                    "the answer is JSON (application/json, or application/problem+json for errors)");
        }

        @ExceptionHandler({RequestRejectedException.class, InvalidParameterException.class, MultipartException.class})
        void rejected(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ProblemResponses.write(request, response, 400, "Bad Request",
                    "the request is malformed (the API takes its input as application/json)");
        }
    }

    static void instance(ProblemDetail problem, Object uri) {
        if (uri instanceof String path && path.length() < 300) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // A path that is no URI is not repeated.
            }
        }
    }

    /** Registered as a member of this configuration (nested components are). */
    @RestController
    static class ProblemErrorController implements ErrorController {

        /**
         * Whatever the request accepts: a problem detail is the only answer there is (a garbage {@code Accept} header
         * otherwise ends in an empty 406). Asked for directly, the error path is just another unknown address.
         */
        @RequestMapping("${server.error.path:/error}")
        ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
            // An error dispatch need not pass the security filters that set these (Tomcat's refusal of TRACE does not).
            ProblemResponses.secure(response);
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus status = code == null ? HttpStatus.NOT_FOUND
                    : code instanceof Integer c && (c == 501 || c == 505) ? HttpStatus.BAD_REQUEST
                    : code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.valueOf(c)
                    : HttpStatus.INTERNAL_SERVER_ERROR;
            String detail = switch (status) {
                case NOT_FOUND -> "nothing is served at this address";
                case BAD_REQUEST -> "the request is malformed";
                case METHOD_NOT_ALLOWED -> "this address does not take this method";
                case NOT_ACCEPTABLE -> "the answer is JSON (application/json, or application/problem+json for errors)";
                case UNSUPPORTED_MEDIA_TYPE -> "send the body as application/json";
                default -> status.is5xxServerError() ? "the request could not be completed" : status.getReasonPhrase();
            };
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (code == null) uri = request.getRequestURI();
            instance(problem, uri);
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheApplication() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }

    /**
     * Tomcat's HTML error report replaced by {@link ProblemReportValve}. Boot adds its own report valve to the host
     * in a customizer of its own, so the swap is made when the application's context starts, after every customizer.
     */
    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemsFromTomcat() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (!org.apache.catalina.Lifecycle.BEFORE_START_EVENT.equals(event.getType())) return;
            org.apache.catalina.Pipeline host = context.getParent().getPipeline();
            for (org.apache.catalina.Valve valve : host.getValves()) {
                if (valve instanceof org.apache.catalina.valves.ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                    host.removeValve(valve);
                }
            }
            if (java.util.Arrays.stream(host.getValves()).noneMatch(ProblemReportValve.class::isInstance)) {
                host.addValve(new ProblemReportValve());
            }
            ((org.apache.catalina.core.StandardHost) context.getParent())
                    .setErrorReportValveClass(ProblemReportValve.class.getName());
        }));
    }
}
