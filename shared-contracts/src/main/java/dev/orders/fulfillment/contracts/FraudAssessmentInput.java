package dev.orders.fulfillment.contracts;

import java.math.BigDecimal;
import java.util.UUID;

public record FraudAssessmentInput(
        UUID orderId, String customerId, CustomerTier customerTier, BigDecimal totalAmount, CustomerHistory history) {
}
