package dev.orders.fulfillment.support;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The business step inside an activity as a span of its own (a child of Temporal's {@code RunActivity} span), with
 * the attribute keys every service and dashboard shares: they are written here and nowhere else.
 */
public final class OrderSpans {

    public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
    public static final AttributeKey<String> CUSTOMER_ID = AttributeKey.stringKey("customer.id");
    public static final AttributeKey<String> CUSTOMER_TIER = AttributeKey.stringKey("customer.tier");
    public static final AttributeKey<Double> ORDER_AMOUNT = AttributeKey.doubleKey("order.amount");
    /** The order's lines, as placed (two lines of one SKU count twice). */
    public static final AttributeKey<Long> ORDER_ITEM_COUNT = AttributeKey.longKey("order.item_count");

    public static final AttributeKey<Long> FRAUD_RISK_SCORE = AttributeKey.longKey("fraud.risk_score");
    public static final AttributeKey<Boolean> FRAUD_HIGH_RISK = AttributeKey.booleanKey("fraud.high_risk");
    public static final AttributeKey<List<String>> FRAUD_RISK_FACTORS =
            AttributeKey.stringArrayKey("fraud.risk_factors");
    public static final AttributeKey<Boolean> INVENTORY_ALL_AVAILABLE =
            AttributeKey.booleanKey("inventory.all_available");
    public static final AttributeKey<Long> INVENTORY_UNAVAILABLE_COUNT =
            AttributeKey.longKey("inventory.unavailable_count");
    public static final AttributeKey<Double> PAYMENT_AMOUNT = AttributeKey.doubleKey("payment.amount");
    public static final AttributeKey<Boolean> PAYMENT_SUCCESS = AttributeKey.booleanKey("payment.success");
    public static final AttributeKey<String> PAYMENT_TRANSACTION_ID = AttributeKey.stringKey("payment.transaction_id");
    public static final AttributeKey<String> PAYMENT_DECLINE_REASON = AttributeKey.stringKey("payment.decline_reason");
    public static final AttributeKey<String> SHIPPING_CARRIER = AttributeKey.stringKey("shipping.carrier");
    public static final AttributeKey<String> SHIPPING_TRACKING_ID = AttributeKey.stringKey("shipping.tracking_id");
    public static final AttributeKey<String> NOTIFICATION_TYPE = AttributeKey.stringKey("notification.type");
    public static final AttributeKey<Boolean> NOTIFICATION_SENT = AttributeKey.booleanKey("notification.sent");

    private final Tracer tracer;

    /** Spans of the service's {@code OpenTelemetry} (the starter's SDK; {@link OpenTelemetry#noop()} traces nothing). */
    public OrderSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("order-fulfillment");
    }

    /**
     * Runs {@code step} in a span called {@code name} carrying the order's id; the step adds what it learns. A step
     * that throws (a simulated outage, a refusal) marks the span as an error and records the exception. A business
     * "no" (a decline, a shortage) is a result, not an error: the step records it as an attribute.
     */
    public <T> T call(String name, UUID orderId, Function<Span, T> step) {
        Span span = tracer.spanBuilder(name)
                .setAttribute(ORDER_ID, String.valueOf(orderId))
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return step.apply(span);
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }

    /** {@link #call} for a step without a result. */
    public void run(String name, UUID orderId, Consumer<Span> step) {
        call(name, orderId, span -> {
            step.accept(span);
            return null;
        });
    }
}
