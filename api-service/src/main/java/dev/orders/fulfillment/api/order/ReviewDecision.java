package dev.orders.fulfillment.api.order;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A reviewer's verdict; its wire name is also the payload of the workflow's review signal. */
public enum ReviewDecision {
    APPROVED,
    REJECTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ReviewDecision> fromWire(String value) {
        return Arrays.stream(values()).filter(d -> d.wireName().equals(value)).findFirst();
    }
}
