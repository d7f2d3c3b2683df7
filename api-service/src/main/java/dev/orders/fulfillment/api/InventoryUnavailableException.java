package dev.orders.fulfillment.api;

/** inventory-worker could not be reached or did not answer properly. */
class InventoryUnavailableException extends RuntimeException {

    InventoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
