package dev.orders.fulfillment.api;

import static dev.orders.fulfillment.contracts.DecisionPath.AUTO_APPROVED;
import static dev.orders.fulfillment.contracts.DecisionPath.BACKORDER;
import static dev.orders.fulfillment.contracts.DecisionPath.MANUAL_APPROVED;
import static dev.orders.fulfillment.contracts.DecisionPath.MANUAL_REVIEW;
import static dev.orders.fulfillment.contracts.DecisionPath.PAYMENT_DECLINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.RecordOrderStateInput;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.search.Search;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each order is counted once per outcome, whatever the workflow reports how often. The registry is shared by every
 * test in this JVM, so each test compares the counts before and after its own order.
 */
class OrderMetricsTest extends ApiServiceTestBase {

    @Autowired
    MeterRegistry registry;

    @Test
    void aReviewedOrderReportedTwiceAndReDrivenIsCountedOnce() {
        UUID id = place(order(newCustomer(), "prod-1", 2)); // 59.98 at the catalog price
        double reviews = count("orders.manual_review", search -> search.tag("customer_tier", "standard"));
        double scores = histogramCount("orders.fraud_risk_score", search -> search.tag("customer_tier", "standard"));
        double approved = count("orders.approved", search -> search.tag("decision_path", "manual_approved"));
        double processed = count(
                "orders.processed", search -> search.tags("status", "completed", "decision_path", "manual_approved"));
        double revenue = count("orders.revenue", search -> search.tags("customer_tier", "standard", "currency", "USD"));
        double durations =
                timerCount("orders.processing_duration", search -> search.tag("decision_path", "manual_approved"));

        record(id, OrderStatus.MANUAL_REVIEW, MANUAL_REVIEW, null);
        record(id, OrderStatus.MANUAL_REVIEW, MANUAL_REVIEW, null);
        record(id, OrderStatus.PROCESSING, MANUAL_APPROVED, null);
        // Temporal forgot the run: the re-driven one walks through review again before it finishes
        record(id, OrderStatus.MANUAL_REVIEW, MANUAL_REVIEW, null);
        record(id, OrderStatus.PROCESSING, MANUAL_APPROVED, "txn-1");
        record(id, OrderStatus.COMPLETED, MANUAL_APPROVED, "txn-1");
        record(id, OrderStatus.COMPLETED, MANUAL_APPROVED, "txn-1");

        assertThat(count("orders.manual_review", search -> search.tag("customer_tier", "standard")))
                .isEqualTo(reviews + 1);
        assertThat(histogramCount("orders.fraud_risk_score", search -> search.tag("customer_tier", "standard")))
                .isEqualTo(scores + 1);
        assertThat(count("orders.approved", search -> search.tag("decision_path", "manual_approved")))
                .isEqualTo(approved + 1);
        assertThat(count(
                        "orders.processed",
                        search -> search.tags("status", "completed", "decision_path", "manual_approved")))
                .isEqualTo(processed + 1);
        assertThat(count("orders.revenue", search -> search.tags("customer_tier", "standard", "currency", "USD")))
                .isCloseTo(revenue + 59.98, within(1e-9));
        assertThat(timerCount("orders.processing_duration", search -> search.tag("decision_path", "manual_approved")))
                .isEqualTo(durations + 1);
    }

    @Test
    void aZeroScoreIsCountedInTheScoreHistogram() {
        UUID id = place("""
                {"customer_id": "%s", "customer_tier": "silver", "items": [{"product_id": "prod-1", "quantity": 1}]}""".formatted(newCustomer()));
        double scored = histogramCount("orders.fraud_risk_score", search -> search.tag("customer_tier", "silver"));

        orderState.record(
                new RecordOrderStateInput(id, OrderStatus.PROCESSING, AUTO_APPROVED, 0, null, null, null, null));

        assertThat(histogramCount("orders.fraud_risk_score", search -> search.tag("customer_tier", "silver")))
                .isEqualTo(scored + 1);
    }

    @Test
    void failuresAndCancellationsAreCountedByReason() {
        double declined = count("orders.payment_failed", search -> search.tag("reason", "payment_declined"));
        double expired = count("orders.cancelled", search -> search.tag("reason", "backorder_expired"));
        double shippingFailed = count("orders.cancelled", search -> search.tag("reason", "shipping_failed"));
        double requested = count("orders.cancelled", search -> search.tag("reason", "requested"));
        double backordered = count("orders.backordered", search -> search.tag("customer_tier", "standard"));

        UUID declinedOrder = place(order(newCustomer(), "prod-1", 1));
        record(declinedOrder, OrderStatus.PAYMENT_FAILED, PAYMENT_DECLINED, null);

        UUID expiredOrder = place(order(newCustomer(), "out-of-stock-item", 1));
        record(expiredOrder, OrderStatus.BACKORDERED, BACKORDER, null);
        record(expiredOrder, OrderStatus.BACKORDERED, BACKORDER, null);
        record(expiredOrder, OrderStatus.CANCELLED, BACKORDER, null);

        UUID unshippable = place(order(newCustomer(), "prod-2", 1));
        record(unshippable, OrderStatus.CANCELLED, AUTO_APPROVED, "txn-2");

        UUID cancelled = place(order(newCustomer(), "prod-2", 1));
        http.delete().uri("/api/orders/" + cancelled).exchange().expectStatus().isAccepted();
        record(cancelled, OrderStatus.CANCELLED, AUTO_APPROVED, null);

        assertThat(count("orders.payment_failed", search -> search.tag("reason", "payment_declined")))
                .isEqualTo(declined + 1);
        assertThat(count("orders.cancelled", search -> search.tag("reason", "backorder_expired")))
                .isEqualTo(expired + 1);
        assertThat(count("orders.cancelled", search -> search.tag("reason", "shipping_failed")))
                .isEqualTo(shippingFailed + 1);
        assertThat(count("orders.cancelled", search -> search.tag("reason", "requested")))
                .isEqualTo(requested + 1);
        assertThat(count("orders.backordered", search -> search.tag("customer_tier", "standard")))
                .isEqualTo(backordered + 1);
    }

    @Test
    void noOrderMetricCarriesAnIdentifier() {
        UUID id = place(order(newCustomer(), "prod-1", 1));
        record(id, OrderStatus.COMPLETED, AUTO_APPROVED, "txn-3");

        // the test registry shows histogram buckets as gauges tagged "le": those are not the meters recorded
        assertThat(registry.getMeters())
                .filteredOn(meter -> meter.getId().getName().startsWith("orders."))
                .filteredOn(meter -> !(meter instanceof Gauge))
                .isNotEmpty()
                .allSatisfy(meter -> assertThat(meter.getId().getTags())
                        .extracting(Tag::getKey)
                        .allMatch(key -> key.equals("customer_tier")
                                || key.equals("decision_path")
                                || key.equals("status")
                                || key.equals("reason")
                                || key.equals("currency")));
    }

    private void record(UUID id, OrderStatus status, DecisionPath path, String transactionId) {
        orderState.record(new RecordOrderStateInput(id, status, path, 95, transactionId, null, null, null));
    }

    private double count(String name, UnaryOperator<Search> filter) {
        return filter.apply(registry.find(name)).counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    private double histogramCount(String name, UnaryOperator<Search> filter) {
        return filter.apply(registry.find(name)).summaries().stream()
                .mapToDouble(summary -> summary.count())
                .sum();
    }

    private double timerCount(String name, UnaryOperator<Search> filter) {
        return filter.apply(registry.find(name)).timers().stream()
                .mapToDouble(timer -> timer.count())
                .sum();
    }
}
