package dev.orders.fulfillment.api.web;

import org.springframework.web.ErrorResponseException;

/** An Idempotency-Key that cannot be used as asked; Spring renders the problem it carries. */
class IdempotencyKeyException extends ErrorResponseException {

    private IdempotencyKeyException(ProblemType type, String detail) {
        super(type.status(), type.problem(detail), null);
    }

    static IdempotencyKeyException reused(String key) {
        return new IdempotencyKeyException(
                ProblemType.IDEMPOTENCY_KEY_REUSED,
                "Idempotency-Key " + key + " was already used for a different order");
    }

    static IdempotencyKeyException inFlight(String key) {
        return new IdempotencyKeyException(
                ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT,
                "the first request with Idempotency-Key " + key + " is still being placed; try again shortly");
    }
}
