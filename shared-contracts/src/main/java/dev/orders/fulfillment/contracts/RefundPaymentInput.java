package dev.orders.fulfillment.contracts;

import java.util.UUID;

public record RefundPaymentInput(UUID orderId, String reason) implements OrderActivityInput {}
