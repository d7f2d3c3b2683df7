package dev.orders.fulfillment.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The business decision that shaped the order's outcome; the seed's vocabulary. */
public enum DecisionPath {
    AUTO_APPROVED,
    MANUAL_REVIEW,
    MANUAL_APPROVED,
    MANUAL_REJECTED,
    BACKORDER,
    PAYMENT_DECLINED,
    PAYMENT_ERROR,
    VALIDATION_FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DecisionPath> fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(value)).findFirst();
    }
}
