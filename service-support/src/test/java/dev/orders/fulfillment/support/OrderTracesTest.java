package dev.orders.fulfillment.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On a real OpenTelemetry SDK, as the services run. */
class OrderTracesTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported))
            .build();
    private final Tracer tracer = provider.get("test");

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void workWithoutATraceContinuesTheOrdersTrace() {
        Span request = tracer.spanBuilder("POST /api/orders").startSpan();
        String orderTrace = traceParentOf(request);

        Span started = OrderTraces.within(
                orderTrace, () -> tracer.spanBuilder("StartWorkflow").startSpan());
        started.end();

        assertThat(started.getSpanContext().getTraceId())
                .isEqualTo(request.getSpanContext().getTraceId());
        assertThat(finished("StartWorkflow").getParentSpanId())
                .isEqualTo(request.getSpanContext().getSpanId());
    }

    @Test
    void aRequestOfItsOwnIsLinkedToTheOrdersTrace() {
        SpanContext order = tracer.spanBuilder("POST /api/orders").startSpan().getSpanContext();
        String orderTrace = traceParentOf(Span.wrap(order));
        Span review = tracer.spanBuilder("POST /api/orders/{id}/review").startSpan();

        try (Scope ignored = review.makeCurrent()) {
            OrderTraces.within(orderTrace, () -> Span.current().getSpanContext().getTraceId());
        } finally {
            review.end();
        }

        assertThat(finished("POST /api/orders/{id}/review").getLinks())
                .extracting(LinkData::getSpanContext)
                .extracting(SpanContext::getTraceId, SpanContext::getSpanId)
                .containsExactly(tuple(order.getTraceId(), order.getSpanId()));
    }

    @Test
    void untracedWorkStaysUntraced() {
        assertThat(OrderTraces.current()).isNull();
        assertThat(OrderTraces.within(
                        null, () -> Span.current().getSpanContext().isValid()))
                .isFalse();
        assertThat(OrderTraces.within(
                        "not a traceparent",
                        () -> Span.current().getSpanContext().isValid()))
                .isFalse();
    }

    private static String traceParentOf(Span span) {
        try (Scope ignored = span.makeCurrent()) {
            return OrderTraces.current();
        }
    }

    private SpanData finished(String name) {
        return exported.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
