package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.api.web.ProblemType;
import org.springframework.web.ErrorResponseException;

/** What was asked does not fit the order's state now (a 409); Spring renders the problem it carries. */
class OrderConflictException extends ErrorResponseException {

    OrderConflictException(String detail) {
        super(ProblemType.ORDER_STATE_CONFLICT.status(), ProblemType.ORDER_STATE_CONFLICT.problem(detail), null);
    }
}
