package dev.orders.fulfillment.contracts;

public enum NotificationType implements WireNamed {
    ORDER_CONFIRMED,
    MANUAL_REVIEW,
    ORDER_REJECTED,
    BACKORDER,
    PAYMENT_FAILED,
    ORDER_CANCELLED;
}
