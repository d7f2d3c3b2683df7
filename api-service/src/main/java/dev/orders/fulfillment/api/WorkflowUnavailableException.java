package dev.orders.fulfillment.api;

/** The order's workflow did not take a request that needs its answer now (a 503: worth trying again). */
class WorkflowUnavailableException extends RuntimeException {

    WorkflowUnavailableException(String message) {
        super(message);
    }
}
