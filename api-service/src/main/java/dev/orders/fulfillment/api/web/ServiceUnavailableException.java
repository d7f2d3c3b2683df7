package dev.orders.fulfillment.api.web;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/** Something the request needs did not answer; nothing was changed (a 503 with {@code Retry-After}). */
public class ServiceUnavailableException extends ErrorResponseException {

    /** Long enough for a restarting dependency, short enough that a client does not give up. */
    static final String RETRY_AFTER_SECONDS = "5";

    public ServiceUnavailableException(String detail) {
        this(detail, null);
    }

    public ServiceUnavailableException(String detail, Throwable cause) {
        super(ProblemType.SERVICE_UNAVAILABLE.status(), ProblemType.SERVICE_UNAVAILABLE.problem(detail), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
