package dev.orders.fulfillment.contracts;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

public record CreateShipmentInput(
        UUID orderId, String customerId, CustomerTier customerTier, BigDecimal orderValue, List<OrderLine> lines)
        implements OrderActivityInput {}
