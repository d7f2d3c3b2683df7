package dev.orders.fulfillment.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An order's status as the orders table and the API show it (lower-case on the wire and in the database). */
public enum OrderStatus {
    PENDING,
    PROCESSING,
    MANUAL_REVIEW,
    BACKORDERED,
    SHIPPED,
    COMPLETED,
    REJECTED,
    PAYMENT_FAILED,
    CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrderStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == REJECTED || this == PAYMENT_FAILED || this == CANCELLED;
    }

    /** Cancellation is possible until the goods have left: nothing can be compensated after shipping. */
    public boolean isCancellable() {
        return this == PENDING || this == PROCESSING || this == MANUAL_REVIEW || this == BACKORDERED;
    }
}
