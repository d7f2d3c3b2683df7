package dev.orders.fulfillment.api.order;

import static dev.orders.fulfillment.support.MetricNames.CURRENCY;
import static dev.orders.fulfillment.support.MetricNames.CUSTOMER_TIER;
import static dev.orders.fulfillment.support.MetricNames.DECISION_PATH;
import static dev.orders.fulfillment.support.MetricNames.REASON;
import static dev.orders.fulfillment.support.MetricNames.STATUS;

import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.support.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The order metrics, counted from the transitions api-service writes to the orders table: each order once per
 * outcome, however often the workflow reports it. Recorded after commit, so a rolled-back write counts nothing.
 */
@Component
class OrderMetrics {

    private static final Duration[] DURATION_BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        Duration.ofMinutes(10),
        Duration.ofHours(1),
        Duration.ofDays(1),
        Duration.ofDays(7)
    };
    private static final double[] SCORE_BUCKETS = {20, 40, 60, 80, 100}; // above 80 waits for review
    private static final double[] VALUE_BUCKETS = {10, 50, 100, 250, 500, 1_000, 5_000, 10_000, 50_000};

    private final MeterRegistry registry;

    OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @TransactionalEventListener
    void record(OrderChanged change) {
        String tier = change.customerTier().wireName();
        if (change.firstRiskScore()) {
            DistributionSummary.builder(MetricNames.ORDERS_FRAUD_RISK_SCORE)
                    .tag(CUSTOMER_TIER, tier)
                    .serviceLevelObjectives(SCORE_BUCKETS)
                    .register(registry)
                    .record(change.riskScore());
        }
        if (change.firstReview()) {
            registry.counter(MetricNames.ORDERS_MANUAL_REVIEW, CUSTOMER_TIER, tier)
                    .increment();
        }
        if (change.firstBackorder()) {
            registry.counter(MetricNames.ORDERS_BACKORDERED, CUSTOMER_TIER, tier)
                    .increment();
        }
        if (change.finished()) {
            finished(change, tier);
        }
    }

    private void finished(OrderChanged change, String tier) {
        String status = change.status().wireName();
        String path =
                change.decisionPath() == null ? "none" : change.decisionPath().wireName();
        registry.counter(MetricNames.ORDERS_PROCESSED, CUSTOMER_TIER, tier, STATUS, status, DECISION_PATH, path)
                .increment();
        outcomeCounter(change, tier, path).ifPresent(Counter::increment);
        Timer.builder(MetricNames.ORDERS_PROCESSING_DURATION)
                .tags(DECISION_PATH, path, STATUS, status)
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry)
                .record(change.age());
        double amount = change.totalAmount().doubleValue();
        DistributionSummary.builder(MetricNames.ORDERS_VALUE)
                .tags(STATUS, status, CUSTOMER_TIER, tier, CURRENCY, change.currency())
                .serviceLevelObjectives(VALUE_BUCKETS)
                .register(registry)
                .record(amount);
        if (change.status() == OrderStatus.COMPLETED) {
            registry.counter(MetricNames.ORDERS_REVENUE, CUSTOMER_TIER, tier, CURRENCY, change.currency())
                    .increment(amount);
        }
    }

    private Optional<Counter> outcomeCounter(OrderChanged change, String tier, String path) {
        return Optional.ofNullable(
                switch (change.status()) {
                    case COMPLETED ->
                        registry.counter(MetricNames.ORDERS_APPROVED, CUSTOMER_TIER, tier, DECISION_PATH, path);
                    case REJECTED -> registry.counter(MetricNames.ORDERS_REJECTED, REASON, path);
                    case PAYMENT_FAILED -> registry.counter(MetricNames.ORDERS_PAYMENT_FAILED, REASON, path);
                    case CANCELLED ->
                        registry.counter(MetricNames.ORDERS_CANCELLED, REASON, cancellationReason(change));
                    default -> null;
                });
    }

    /** From the row, not from the failure text: who asked, or what had already happened. */
    private static String cancellationReason(OrderChanged change) {
        if (change.cancellationRequested()) {
            return "requested";
        }
        // only shipping fails after the payment; a backorder runs out before it
        return change.paid() ? "shipping_failed" : "backorder_expired";
    }
}
