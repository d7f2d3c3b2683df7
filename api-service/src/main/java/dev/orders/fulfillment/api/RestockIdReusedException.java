package dev.orders.fulfillment.api;

/** An Idempotency-Key sent again with another restock (another SKU or quantity): a 422, nothing changed. */
class RestockIdReusedException extends RuntimeException {

    RestockIdReusedException(String message) {
        super(message);
    }
}
