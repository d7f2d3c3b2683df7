package dev.orders.fulfillment.api.web;

import org.springframework.web.ErrorResponseException;

/** No order or product by that id (a 404); Spring renders the problem it carries. */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String detail) {
        super(ProblemType.NOT_FOUND.status(), ProblemType.NOT_FOUND.problem(detail), null);
    }
}
