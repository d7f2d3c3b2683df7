package dev.orders.fulfillment.contracts;

/** The business decision that shaped the order's outcome; the seed's vocabulary. */
public enum DecisionPath implements WireNamed {
    AUTO_APPROVED,
    MANUAL_REVIEW,
    MANUAL_APPROVED,
    MANUAL_REJECTED,
    BACKORDER,
    PAYMENT_DECLINED,
    PAYMENT_ERROR,
    VALIDATION_FAILED;
}
