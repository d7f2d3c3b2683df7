package dev.orders.fulfillment.api.web;

import dev.orders.fulfillment.api.security.EndpointClass;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.hibernate.exception.JDBCConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error is an RFC 9457 problem. Bad input is a 4xx whose {@code errors} name each offending field the way
 * the client wrote it ({@code items[0].quantity}); Spring's own web errors (405, 415, …) come from the base class.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Spring's own web errors (405, 406, 415, no such resource) keep its detail and get the kind of their status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Spring's errors pass no body here: theirs is the exception's own, rendered after this
        ProblemDetail problem = body instanceof ProblemDetail given
                ? given
                : ex instanceof ErrorResponse error ? error.getBody() : null;
        if (problem != null
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(ProblemType.of(status).uri());
        }
        return super.handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> fields = ex.getFieldErrors().stream()
                .map(ApiExceptionHandler::invalidField)
                .toList();
        return handleExceptionInternal(ex, invalid(fields), headers, status, request);
    }

    /** Constraints on request parameters ({@code DELETE /api/orders/{id}?reason=…}); a body is reported by field. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> fields = ex.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream().map(ApiExceptionHandler::invalidField)
                        : result.getResolvableErrors().stream()
                                .map(error -> new InvalidField(
                                        wireName(result.getMethodParameter()), error.getDefaultMessage())))
                .toList();
        return handleExceptionInternal(ex, invalid(fields), headers, status, request);
    }

    /** A header by the name the client sent ({@code Idempotency-Key}), a query parameter by its own. */
    private static String wireName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        return header != null && !header.name().isEmpty() ? header.name() : parameter.getParameterName();
    }

    /**
     * A value of the wrong JSON type names its field (Jackson stops at the first such value); malformed JSON or a
     * missing body is a plain 400.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem;
        Throwable cause = ex.getCause();
        RequestBodyLimit.BodyTooLargeException tooLarge = causeOfType(ex, RequestBodyLimit.BodyTooLargeException.class);
        if (tooLarge != null) {
            return bodyTooLarge(tooLarge);
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            problem = wrongValue(unknown, "is not a field of this request");
        } else if (cause instanceof DatabindException wrongType) {
            problem = wrongValue(
                    wrongType,
                    ExpectedType.describe(
                            wrongType instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null));
        } else if (cause instanceof InputCoercionException outOfRange) {
            problem = wrongValue(outOfRange, "is out of range");
        } else if (cause instanceof JacksonException malformed) {
            // the parser's own message quotes internals ("[Source: REDACTED …]"); where it broke is what helps
            TokenStreamLocation at = malformed.getLocation();
            problem = ProblemType.MALFORMED_REQUEST.problem(
                    at == null || at.getLineNr() < 1
                            ? "malformed JSON"
                            : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        } else {
            problem = ProblemType.MALFORMED_REQUEST.problem("a JSON request body is required");
        }
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** A path variable or query parameter that does not convert, e.g. an order id that is not a UUID. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name =
                ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : ex.getPropertyName();
        InvalidField field = new InvalidField(name, ExpectedType.describe(ex.getRequiredType()));
        return handleExceptionInternal(ex, invalid(List.of(field)), headers, status, request);
    }

    /**
     * No token, or one that does not verify (Spring's bearer entry point has set the status and the
     * {@code WWW-Authenticate} challenge: security's {@code SecurityProblems}).
     */
    @ExceptionHandler
    ProblemDetail unauthenticated(AuthenticationException ex) {
        return ProblemType.UNAUTHENTICATED.problem(
                ex instanceof OAuth2AuthenticationException invalid
                                && invalid.getError().getDescription() != null
                        ? "the bearer token was refused: " + invalid.getError().getDescription()
                        : "this endpoint needs a bearer token: Authorization: Bearer <JWT>");
    }

    @ExceptionHandler
    ProblemDetail forbidden(AccessDeniedException ex, HttpServletRequest request) {
        return ProblemType.INSUFFICIENT_SCOPE.problem(EndpointClass.of(request)
                .map(endpoints -> "this endpoint needs a token with the scope " + endpoints.scope())
                .orElse("this token may not do that"));
    }

    /**
     * Tomcat parses the query string, and Spring Security's firewall checks the parameter names, only when a parameter
     * is first asked for: a malformed one is refused then, inside the handler.
     */
    @ExceptionHandler({InvalidParameterException.class, RequestRejectedException.class})
    ProblemDetail malformedQuery(Exception ex) {
        return ProblemType.MALFORMED_REQUEST.problem(
                ex instanceof RequestRejectedException rejected
                        ? rejected.getMessage()
                        : "the query string is malformed");
    }

    /**
     * PostgreSQL unreachable, shutting down, or too slow to hand out a connection: a 503 (nothing was written, try
     * again). Any other database failure is a bug, a 500.
     */
    @ExceptionHandler({
        CannotCreateTransactionException.class,
        TransactionSystemException.class,
        DataAccessException.class
    })
    ResponseEntity<ProblemDetail> database(Exception ex) {
        if (ex instanceof CannotCreateTransactionException
                || ex instanceof DataAccessResourceFailureException
                || ex instanceof TransientDataAccessException
                || connectionLost(ex)) {
            log.warn("database unavailable: {}", ex.getMessage());
            return unavailable("the order database is not answering; nothing was changed, try again");
        }
        return ResponseEntity.internalServerError().body(unexpected(ex));
    }

    /**
     * The connection, not the statement, failed: SQLSTATE class 08 (connection exception) or 57P (the server shutting
     * down or ending the session), or the transaction itself could not be begun, committed or rolled back (what is
     * left after the server ended the session under it: the pool's closed connection carries no SQLSTATE).
     */
    private static boolean connectionLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause instanceof org.hibernate.TransactionException || cause instanceof JDBCConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, ServiceUnavailableException.RETRY_AFTER_SECONDS)
                .body(ProblemType.SERVICE_UNAVAILABLE.problem(detail));
    }

    /** A declared length over the limit, refused by {@link RequestBodyLimit} before anything read the body. */
    @ExceptionHandler
    ResponseEntity<Object> bodyTooLarge(RequestBodyLimit.BodyTooLargeException ex) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemType.BODY_TOO_LARGE.problem(ex.getMessage()));
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception ex) {
        log.error("request failed", ex);
        return ProblemType.INTERNAL_ERROR.problem("internal error");
    }

    private static ProblemDetail invalid(List<InvalidField> fields) {
        ProblemDetail problem = ProblemType.INVALID_FIELDS.problem("the request has invalid fields");
        problem.setProperty("errors", fields);
        return problem;
    }

    private static ProblemDetail wrongValue(JacksonException ex, String expectation) {
        String field = jsonPath(ex);
        return field.isEmpty()
                ? ProblemType.MALFORMED_REQUEST.problem("the request body " + expectation)
                : invalid(List.of(new InvalidField(field, expectation)));
    }

    private static InvalidField invalidField(FieldError error) {
        String field = snakeCase(error.getField());
        if (error.contains(TypeMismatchException.class)) {
            Class<?> expected = error.unwrap(TypeMismatchException.class).getRequiredType();
            return new InvalidField(field, ExpectedType.describe(expected));
        }
        return new InvalidField(field, error.getDefaultMessage());
    }

    /** Bean Validation names Java properties ({@code items[0].productId}); the client wrote {@code product_id}. */
    private static String snakeCase(String propertyPath) {
        return propertyPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String jsonPath(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
