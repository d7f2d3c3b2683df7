package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderStatus;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * What one recorded transition changed, decided inside its transaction from the row and its history, so that a
 * replayed report, a retried activity or a re-driven order is never counted twice. Published to
 * {@link OrderMetrics} once the transaction commits.
 *
 * @param firstRiskScore  the order's fraud score has just been recorded
 * @param firstReview     the order has just entered manual review for the first time
 * @param firstBackorder  the order has just started waiting for stock for the first time
 * @param finished        the order has just reached its terminal status
 */
public record OrderChanged(
        OrderStatus status,
        DecisionPath decisionPath,
        CustomerTier customerTier,
        Integer riskScore,
        BigDecimal totalAmount,
        String currency,
        boolean paid,
        boolean cancellationRequested,
        Duration age,
        boolean firstRiskScore,
        boolean firstReview,
        boolean firstBackorder,
        boolean finished) {}
