package dev.orders.fulfillment.contracts;

import java.math.BigDecimal;

/** {@code refunded} is false when the order had no successful charge. */
public record RefundPaymentResult(boolean refunded, String refundId, BigDecimal amount) {}
