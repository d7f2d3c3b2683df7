package dev.orders.fulfillment.contracts;

/** Answer to the workflow's progress query. */
public record OrderProgress(OrderStep step, OrderStatus status, DecisionPath decisionPath, Integer riskScore) {}
