package dev.orders.fulfillment.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum OrderStep {
    VALIDATING,
    ASSESSING_FRAUD,
    AWAITING_REVIEW,
    RESERVING_INVENTORY,
    AWAITING_RESTOCK,
    CHARGING_PAYMENT,
    SHIPPING,
    NOTIFYING,
    COMPENSATING,
    DONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
