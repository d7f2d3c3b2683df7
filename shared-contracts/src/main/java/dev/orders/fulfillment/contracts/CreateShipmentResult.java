package dev.orders.fulfillment.contracts;

public record CreateShipmentResult(String carrier, String trackingId) {}
