package dev.orders.fulfillment.api;

import java.util.List;

/** Items name products the catalog does not have (a 422: the request is well-formed, its content is not). */
class UnknownProductsException extends RuntimeException {

    private final List<InvalidField> fields;

    UnknownProductsException(List<InvalidField> fields) {
        super("unknown products");
        this.fields = List.copyOf(fields);
    }

    List<InvalidField> fields() {
        return fields;
    }
}
