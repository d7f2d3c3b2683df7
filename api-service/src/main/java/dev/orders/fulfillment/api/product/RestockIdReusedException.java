package dev.orders.fulfillment.api.product;

import dev.orders.fulfillment.api.web.ProblemType;
import org.springframework.web.ErrorResponseException;

/** An Idempotency-Key sent again with another restock (another SKU or quantity): a 422, nothing changed. */
class RestockIdReusedException extends ErrorResponseException {

    RestockIdReusedException(String detail) {
        super(ProblemType.IDEMPOTENCY_KEY_REUSED.status(), ProblemType.IDEMPOTENCY_KEY_REUSED.problem(detail), null);
    }
}
