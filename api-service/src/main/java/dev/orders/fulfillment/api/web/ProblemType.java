package dev.orders.fulfillment.api.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The kinds of problem this API answers with, each a stable {@code type} URI (README, "Errors"). URNs, on purpose:
 * identifiers a client can switch on, not pages to fetch. Errors Spring or Tomcat raise before a handler of ours
 * (405, 406, 415, a refused URI) get the kind of their status.
 */
public enum ProblemType {
    // for each status the first kind is what an error known only by that status gets (of)
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "malformed-request"),
    INVALID_FIELDS(HttpStatus.BAD_REQUEST, "invalid-fields"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated"),
    INSUFFICIENT_SCOPE(HttpStatus.FORBIDDEN, "insufficient-scope"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable"),
    ORDER_STATE_CONFLICT(HttpStatus.CONFLICT, "order-state-conflict"),
    IDEMPOTENCY_KEY_IN_FLIGHT(HttpStatus.CONFLICT, "idempotency-key-in-flight"),
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "body-too-large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),
    UNKNOWN_PRODUCTS(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-products"),
    PRICE_NOT_ALLOWED(HttpStatus.UNPROCESSABLE_CONTENT, "price-not-allowed"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate-limited"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error");

    private static final String PREFIX = "urn:order-fulfillment:problem:";

    private final HttpStatus status;
    private final URI uri;

    ProblemType(HttpStatus status, String name) {
        this.status = status;
        this.uri = URI.create(PREFIX + name);
    }

    public HttpStatus status() {
        return status;
    }

    public URI uri() {
        return uri;
    }

    public ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri);
        return problem;
    }

    /** A problem known only by its status (what Spring or Tomcat raised). */
    static ProblemDetail forStatus(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(of(status).uri());
        return problem;
    }

    /** The kind for an error known only by its status: the first kind with that status, else by its class. */
    static ProblemType of(HttpStatusCode status) {
        for (ProblemType type : values()) {
            if (type.status.value() == status.value()) {
                return type;
            }
        }
        return status.is5xxServerError() ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
