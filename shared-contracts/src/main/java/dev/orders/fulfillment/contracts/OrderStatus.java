package dev.orders.fulfillment.contracts;

/** An order's status as the orders table and the API show it (lower-case on the wire and in the database). */
public enum OrderStatus implements WireNamed {
    PENDING,
    PROCESSING,
    MANUAL_REVIEW,
    BACKORDERED,
    SHIPPED,
    COMPLETED,
    REJECTED,
    PAYMENT_FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == REJECTED || this == PAYMENT_FAILED || this == CANCELLED;
    }

    /** Cancellation is possible until the goods have left: nothing can be compensated after shipping. */
    public boolean isCancellable() {
        return this == PENDING || this == PROCESSING || this == MANUAL_REVIEW || this == BACKORDERED;
    }
}
