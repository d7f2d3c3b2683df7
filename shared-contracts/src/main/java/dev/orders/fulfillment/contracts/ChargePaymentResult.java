package dev.orders.fulfillment.contracts;

public record ChargePaymentResult(boolean approved, String transactionId, String declineReason) {}
