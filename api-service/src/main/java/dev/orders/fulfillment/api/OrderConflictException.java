package dev.orders.fulfillment.api;

/** The order's state does not allow the request (a 409). */
class OrderConflictException extends RuntimeException {

    OrderConflictException(String message) {
        super(message);
    }
}
