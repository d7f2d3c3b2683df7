package dev.orders.fulfillment.contracts;

public enum CustomerTier implements WireNamed {
    NEW,
    STANDARD,
    SILVER,
    GOLD,
    PLATINUM,
    PREMIUM;
}
