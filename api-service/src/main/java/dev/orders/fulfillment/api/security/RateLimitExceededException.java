package dev.orders.fulfillment.api.security;

import dev.orders.fulfillment.api.web.ProblemType;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/**
 * A client used up its requests of one class of endpoint: a 429 with {@code Retry-After}; Spring renders the problem
 * it carries.
 */
final class RateLimitExceededException extends ErrorResponseException {

    RateLimitExceededException(EndpointClass endpoints, Duration retryAfter) {
        super(
                ProblemType.RATE_LIMITED.status(),
                ProblemType.RATE_LIMITED.problem("too many "
                        + endpoints.name().toLowerCase(Locale.ROOT) + " requests from this client; try again in "
                        + retryAfterSeconds(retryAfter) + " s"),
                null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(retryAfter)));
    }

    /** Whole seconds, rounded up: {@code Retry-After} has no fractions, and 0 would invite an immediate retry. */
    private static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
