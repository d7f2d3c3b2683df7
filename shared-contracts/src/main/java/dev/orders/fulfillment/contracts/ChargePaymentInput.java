package dev.orders.fulfillment.contracts;

import java.math.BigDecimal;
import java.util.UUID;

public record ChargePaymentInput(
        UUID orderId, String customerId, BigDecimal amount, String currency, String paymentMethod)
        implements OrderActivityInput {}
