package dev.orders.fulfillment.contracts;

import java.util.UUID;

public record ReleaseInventoryInput(UUID orderId, String reason) implements OrderActivityInput {}
