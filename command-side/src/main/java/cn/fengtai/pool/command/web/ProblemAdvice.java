package cn.fengtai.pool.command.web;

import cn.fengtai.pool.command.refusal.Refusal;
import cn.fengtai.pool.wiring.StoreFailures;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every refusal as an RFC 9457 problem detail: 400 bad input (with an {@code errors} list naming each field), 404
 * unknown, 409 illegal transition or concurrent change, 422 broken business rule, 503 when the event store is down.
 * Nothing a client sends can produce a 500; an unexpected fault answers 500 without a stack trace and is logged.
 */
@RestControllerAdvice(basePackages = "cn.fengtai.pool.command")
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    /** The refusals' Chinese titles, by rule ({@code refusals_zh.properties}). */
    private static final java.util.Properties TITLES_ZH = titlesZh();

    private static java.util.Properties titlesZh() {
        java.util.Properties titles = new java.util.Properties();
        try (var in = ProblemAdvice.class.getResourceAsStream("/refusals_zh.properties")) {
            if (in != null) titles.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return titles;
    }

    /**
     * A refused command: {@code type} names its rule ({@code urn:fengtai-pool:rule:NotStarted}) so a client can tell
     * refusals apart without reading the text; {@code title} and {@code detail} are in Chinese for a reader whose
     * Accept-Language prefers it.
     */
    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refusal) {
        HttpStatus status = switch (refusal.kind()) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case ILLEGAL_TRANSITION -> HttpStatus.CONFLICT;
            case RULE_BROKEN -> HttpStatus.UNPROCESSABLE_CONTENT;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
        };
        ProblemDetail problem = problem(status, refusal.rule(), refusal.getMessage());
        problem.setProperty("rule", refusal.rule());
        problem.setType(java.net.URI.create("urn:fengtai-pool:rule:" + refusal.rule()));
        if (prefersChinese() && TITLES_ZH.containsKey(refusal.rule())) {
            problem.setTitle(TITLES_ZH.getProperty(refusal.rule()));
            problem.setDetail(refusal.zh());
        }
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler({AggregateNotFoundException.class, Commands.UnknownResource.class})
    ResponseEntity<ProblemDetail> unknown(Exception e) {
        String detail = e instanceof AggregateNotFoundException notFound
                ? "nothing is known under the id '" + notFound.getAggregateIdentifier() + "'"
                : e.getMessage();
        return respond(problem(HttpStatus.NOT_FOUND, "Not found", detail));
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException e) {
        return respond(problem(HttpStatus.CONFLICT, "Already exists", "something with this id already exists"));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        return respond(problem(HttpStatus.CONFLICT, "Concurrent change",
                "someone else changed this at the same moment; read it again and retry"));
    }

    @ExceptionHandler(Commands.InvalidHeader.class)
    ResponseEntity<ProblemDetail> badHeader(Commands.InvalidHeader e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid header", e.header + " " + e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.header, "message", e.getMessage())));
        return respond(problem);
    }

    @ExceptionHandler(Commands.InvalidUpload.class)
    ResponseEntity<ProblemDetail> invalidUpload(Commands.InvalidUpload e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "Invalid upload", e.getMessage()));
    }

    @ExceptionHandler(StrictBody.InvalidBody.class)
    ResponseEntity<ProblemDetail> invalidBody(StrictBody.InvalidBody e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
        problem.setProperty("errors", e.errors.stream()
                .map(error -> Map.of("field", error.field(), "message", error.message())).toList());
        return respond(problem);
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> storeDown(Exception e) {
        log.warn("event store unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Event store unavailable",
                        "nothing was stored; try again shortly"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (StoreFailures.unreachable(e)) return storeDown(e);
        Throwable cause = e.getCause();
        if (cause instanceof Refusal refusal) return refused(refusal);
        if (cause instanceof AggregateNotFoundException notFound) return unknown(notFound);
        if (cause instanceof ConcurrencyException concurrency) return concurrent(concurrency);
        log.error("unexpected failure", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "the request could not be completed"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(FieldError::getField).distinct().collect(Collectors.joining(", ", "invalid fields: ", ""));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body",
                "the body is not valid JSON of the expected shape");
        if (e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            problem.setDetail("field '" + field + "' has a value of the wrong type or format");
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "wrong type or format")));
        } else {
            String reason = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                    ? "is missing" : "is not valid JSON of the expected shape";
            problem.setDetail("the body " + reason);
            problem.setProperty("errors", List.of(Map.of("field", "body", "message", reason)));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static boolean prefersChinese() {
        return org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
                && cn.fengtai.pool.wiring.ProblemLanguage.prefersChinese(attributes.getRequest());
    }
}
