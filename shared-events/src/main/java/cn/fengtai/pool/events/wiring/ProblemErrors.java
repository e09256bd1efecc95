package cn.fengtai.pool.events.wiring;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whatever ends in the servlet container's error page (an unknown path, a request the security firewall rejects, a
 * failure outside every controller) answers as an RFC 9457 problem detail, without a stack trace. Encoded slashes in
 * paths are passed on to the application, which refuses them itself, instead of being answered by Tomcat's HTML page.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnClass(name = {"org.springframework.boot.webmvc.error.ErrorController", "jakarta.servlet.Servlet"})
public class ProblemErrors {

    /** Registered as a member of this configuration (nested components are). */
    @RestController
    static class ProblemErrorController implements ErrorController {

        @RequestMapping(value = "${server.error.path:/error}", produces = MediaType.APPLICATION_PROBLEM_JSON_VALUE)
        ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.valueOf(c)
                    : HttpStatus.INTERNAL_SERVER_ERROR;
            String detail = switch (status) {
                case NOT_FOUND -> "nothing is served at this address";
                case BAD_REQUEST -> "the request is malformed";
                case METHOD_NOT_ALLOWED -> "this address does not take this method";
                default -> status.is5xxServerError() ? "the request could not be completed" : status.getReasonPhrase();
            };
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (uri instanceof String path && path.length() < 300) problem.setInstance(java.net.URI.create(path.replace(" ", "%20")));
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheApplication() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }
}
