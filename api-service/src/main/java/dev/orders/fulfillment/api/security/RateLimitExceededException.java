package dev.orders.fulfillment.api.security;

import java.time.Duration;

/** A client used up its requests of one class of endpoint; answered 429 with {@code Retry-After}. */
public final class RateLimitExceededException extends RuntimeException {

    private final transient Duration retryAfter;

    RateLimitExceededException(EndpointClass endpoints, Duration retryAfter) {
        super("too many " + endpoints.name().toLowerCase() + " requests from this client; try again in "
                + retryAfterSeconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up: {@code Retry-After} has no fractions, and 0 would invite an immediate retry. */
    public long retryAfterSeconds() {
        return retryAfterSeconds(retryAfter);
    }

    private static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
