package dev.orders.fulfillment.api;

/** No order or product by that id (a 404). */
class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message);
    }
}
