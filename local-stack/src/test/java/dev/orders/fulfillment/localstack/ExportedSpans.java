package dev.orders.fulfillment.localstack;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The spans the services exported to the {@link OtlpReceiver}, flattened for assertions. */
final class ExportedSpans {

    record Span(
            String service,
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            Map<String, String> attributes,
            boolean error,
            List<String> eventNames,
            List<String> linkedTraceIds) {

        boolean isRoot() {
            return parentSpanId.isEmpty();
        }
    }

    private ExportedSpans() {}

    static List<Span> ofTrace(OtlpReceiver receiver, String traceId) {
        return all(receiver).stream()
                .filter(span -> span.traceId().equals(traceId))
                .toList();
    }

    static List<Span> all(OtlpReceiver receiver) {
        List<Span> spans = new ArrayList<>();
        for (ResourceSpans resource : receiver.spans()) {
            String service = OtlpReceiver.serviceName(resource.getResource());
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                    spans.add(new Span(
                            service,
                            OtlpReceiver.hex(span.getTraceId()),
                            OtlpReceiver.hex(span.getSpanId()),
                            OtlpReceiver.hex(span.getParentSpanId()),
                            span.getName(),
                            OtlpReceiver.attributes(span.getAttributesList()),
                            span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR,
                            span.getEventsList().stream()
                                    .map(event -> event.getName())
                                    .toList(),
                            span.getLinksList().stream()
                                    .map(link -> OtlpReceiver.hex(link.getTraceId()))
                                    .toList()));
                }
            }
        }
        return spans;
    }
}
