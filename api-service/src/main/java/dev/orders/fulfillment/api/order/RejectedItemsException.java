package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.api.web.InvalidField;
import dev.orders.fulfillment.api.web.ProblemType;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Items the order may not have as asked (a 422: the request is well-formed, its content is not), each named in
 * {@code errors}. Spring renders it as the problem it carries.
 */
class RejectedItemsException extends ErrorResponseException {

    RejectedItemsException(ProblemType type, String detail, List<InvalidField> fields) {
        super(type.status(), problem(type, detail, fields), null);
    }

    private static ProblemDetail problem(ProblemType type, String detail, List<InvalidField> fields) {
        ProblemDetail problem = type.problem(detail);
        problem.setProperty("errors", List.copyOf(fields));
        return problem;
    }
}
