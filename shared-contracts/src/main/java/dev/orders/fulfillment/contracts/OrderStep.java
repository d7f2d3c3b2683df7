package dev.orders.fulfillment.contracts;

public enum OrderStep implements WireNamed {
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
}
