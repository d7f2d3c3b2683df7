package dev.orders.fulfillment.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum NotificationType {
    ORDER_CONFIRMED,
    MANUAL_REVIEW,
    ORDER_REJECTED,
    BACKORDER,
    PAYMENT_FAILED,
    ORDER_CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
