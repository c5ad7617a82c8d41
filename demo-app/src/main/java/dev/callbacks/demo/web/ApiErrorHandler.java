package dev.callbacks.demo.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns bad requests into {@code 400} responses with an {@link ApiError} body ({@code 415} for a
 * body that is not declared as JSON). The content type
 * is set explicitly so that the JSON error is also sent to clients that asked for
 * {@code text/event-stream}.
 */
@RestControllerAdvice(basePackageClasses = ApiErrorHandler.class)
class ApiErrorHandler {

    @ExceptionHandler
    ResponseEntity<ApiError> invalidInput(InvalidInputException ex) {
        return badRequest(new ApiError(ex.getMessage(), ex.field()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException ex) {
        return badRequest(new ApiError("the request body must be a JSON object such as {\"input\": \"where is the cat?\"}",
                "input"));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
            .contentType(MediaType.APPLICATION_JSON)
            .body(new ApiError("send the question as JSON with the header Content-Type: application/json", "input"));
    }

    private static ResponseEntity<ApiError> badRequest(ApiError error) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON).body(error);
    }
}
