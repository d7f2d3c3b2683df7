package dev.orders.fulfillment.contracts;

import java.math.BigDecimal;
import java.util.UUID;

/** @param revision how often the order's items were amended before this assessment (0: as placed) */
public record FraudAssessmentInput(
        UUID orderId,
        String customerId,
        CustomerTier customerTier,
        BigDecimal totalAmount,
        CustomerHistory history,
        int revision)
        implements OrderActivityInput {

    public FraudAssessmentInput(
            UUID orderId,
            String customerId,
            CustomerTier customerTier,
            BigDecimal totalAmount,
            CustomerHistory history) {
        this(orderId, customerId, customerTier, totalAmount, history, 0);
    }
}
