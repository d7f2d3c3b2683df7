package dev.orders.fulfillment.support;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One trace per order, also for work that does not happen in the request that placed it. The order row keeps that
 * request's {@code traceparent} (and inventory-worker's backorder row the reservation's); work without a trace of
 * its own (the dispatcher starting a workflow Temporal did not take, or re-driving one Temporal forgot) continues
 * the order's trace, and work in another request (a review, a cancellation, a restock) links to it.
 */
public final class OrderTraces {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private OrderTraces() {}

    /** The current trace as a {@code traceparent}, or null when nothing is traced (no SDK). */
    public static String current() {
        Map<String, String> headers = new HashMap<>();
        W3C.inject(Context.current(), headers, Map::put);
        return headers.get("traceparent");
    }

    /** {@link #within(String, Supplier)} for work without a result. */
    public static void within(String orderTraceParent, Runnable work) {
        within(orderTraceParent, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} in the order's trace when there is no trace now, else in the current one, linked to it. */
    public static <T> T within(String orderTraceParent, Supplier<T> work) {
        SpanContext order = orderTraceParent == null
                ? SpanContext.getInvalid()
                : Span.fromContext(W3C.extract(Context.root(), Map.of("traceparent", orderTraceParent), MAP))
                        .getSpanContext();
        if (!order.isValid()) {
            return work.get();
        }
        Span current = Span.current();
        if (!current.getSpanContext().isValid()) {
            try (Scope ignored = Context.root().with(Span.wrap(order)).makeCurrent()) {
                return work.get();
            }
        }
        if (!current.getSpanContext().getTraceId().equals(order.getTraceId())) {
            current.addLink(order);
        }
        return work.get();
    }
}
