package dev.orders.fulfillment.contracts;

import java.util.UUID;

/** The order's whole workflow-owned state at one transition: a snapshot, so a replayed write is harmless. */
public record RecordOrderStateInput(
        UUID orderId,
        OrderStatus status,
        DecisionPath decisionPath,
        Integer riskScore,
        String transactionId,
        String carrier,
        String trackingId,
        String failureReason) {}
