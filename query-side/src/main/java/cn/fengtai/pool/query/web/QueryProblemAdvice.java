package cn.fengtai.pool.query.web;

import cn.fengtai.pool.query.access.ReadingRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.HttpHeaders;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;

/** Query errors as RFC 9457 problem details: 400 for a parameter that cannot be understood, 404 for an unknown id. */
@RestControllerAdvice(basePackages = "cn.fengtai.pool.query")
public class QueryProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryProblemAdvice.class);

    @ExceptionHandler(BadQuery.class)
    ResponseEntity<ProblemDetail> badQuery(BadQuery e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle(e.inBody() ? "Invalid input" : "Invalid query");
        problem.setProperty("errors", List.of(Map.of("field", e.parameter(), "message", e.getMessage())));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(ReadingRules.NotSignedIn.class)
    ResponseEntity<ProblemDetail> notSignedIn(ReadingRules.NotSignedIn e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Not signed in");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }

    @ExceptionHandler(ReadingRules.NotAllowed.class)
    ResponseEntity<ProblemDetail> notAllowed(ReadingRules.NotAllowed e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Not allowed");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    /** A parameter that is not of its type ({@code after=1e3}): named, like every other bad parameter. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String expected = type == Long.class || type == Integer.class || type == long.class || type == int.class
                ? "a whole number in range" : "a " + (type == null ? "value" : type.getSimpleName()) + " value";
        return ResponseEntity.badRequest().body(badQuery(new BadQuery(name, name + " must be " + expected)).getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the request could not be completed");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }
}
