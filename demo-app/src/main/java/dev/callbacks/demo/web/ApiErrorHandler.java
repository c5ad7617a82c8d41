package dev.callbacks.demo.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the client's mistakes as RFC 9457 problems ({@code application/problem+json}) whose
 * {@code field} names the request field at fault: {@code 400} for a missing, blank, non-text or
 * undecodable input and a body that is not JSON, {@code 413} for a body over
 * {@code demo.max-request-size}, {@code 415} for a body not declared as JSON.
 *
 * <p>These are logged at DEBUG only: a client can send them as often as it likes, and an ERROR
 * with a stack trace each time would let it flood the log. The content type is set explicitly so
 * that clients that asked for {@code text/event-stream} get the problem too.
 */
@RestControllerAdvice(basePackageClasses = ApiErrorHandler.class)
class ApiErrorHandler {

    private static final Logger logger = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException ex) {
        return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.field(), ex);
    }

    /**
     * Tomcat parses the query lazily, when the first parameter is read, and reports bytes that are
     * not UTF-8 (such as {@code ?input=%FF}) by throwing from inside the controller's argument
     * resolution.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException ex, HttpServletRequest request) {
        String field = QueryParameters.firstUndecodable(request.getQueryString()).orElse("query");
        return problem(HttpStatus.BAD_REQUEST, field + " is not valid percent-encoded UTF-8 text; encode the query "
                + "parameters as UTF-8 (JavaScript: encodeURIComponent)", field, ex);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException ex) {
        Optional<BodyTooLargeException> tooLarge = BodyTooLargeException.findIn(ex);
        if (tooLarge.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST,
                    "the request body must be a JSON object such as {\"input\": \"where is the cat?\"}", "input", ex);
        }
        DataSize limit = tooLarge.get().limit();
        ProblemDetail problem = problemDetail(HttpStatus.CONTENT_TOO_LARGE,
                "the request body is larger than the limit of " + BodyTooLargeException.readable(limit)
                        + " (demo.max-request-size); send a shorter question",
                null, ex);
        problem.setProperty("limitBytes", limit.toBytes());
        return respond(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "send the question as JSON with the header Content-Type: application/json", "input", ex);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, @Nullable String field,
            Exception ex) {
        return respond(problemDetail(status, detail, field, ex));
    }

    private static ProblemDetail problemDetail(HttpStatus status, String detail, @Nullable String field, Exception ex) {
        logger.debug("{} answered to a client error: {}", status.value(), detail, ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
