package dev.orders.fulfillment.contracts;

import java.util.UUID;

public record OrderFulfillmentResult(
        UUID orderId, OrderStatus status, DecisionPath decisionPath, int riskScore, String message) {}
