package dev.orders.fulfillment.contracts;

import java.util.List;
import java.util.UUID;

public record ReserveInventoryInput(UUID orderId, List<OrderLine> lines) implements OrderActivityInput {}
