package dev.orders.fulfillment.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The spans the agent in each service exported, read back from the services' logs: the end-to-end test runs the
 * agent with {@code OTEL_TRACES_EXPORTER=logging-otlp}, which logs every exported batch as one line of OTLP JSON.
 */
final class ExportedSpans {

    private static final String MARKER = "OtlpJsonLoggingSpanExporter - ";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Span(String service, String traceId, String spanId, String parentSpanId, String name, JsonNode json) {

        boolean isRoot() {
            return parentSpanId.isEmpty();
        }

        /** Attribute values as text; an array as {@code [a, b]}. */
        Map<String, String> attributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (JsonNode attribute : json.path("attributes")) {
                attributes.put(attribute.path("key").asText(), text(attribute.path("value")));
            }
            return attributes;
        }

        private static String text(JsonNode value) {
            JsonNode array = value.path("arrayValue");
            if (!array.isMissingNode()) {
                List<String> values = new ArrayList<>();
                array.path("values").forEach(element -> values.add(text(element)));
                return values.toString();
            }
            return value.elements().hasNext() ? value.elements().next().asText() : "";
        }
    }

    private ExportedSpans() {
    }

    /** Every span of {@code traceId} that any service has exported so far. */
    static List<Span> ofTrace(Path logDir, String traceId) {
        return all(logDir).stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    static List<Span> all(Path logDir) {
        List<Span> spans = new ArrayList<>();
        try (Stream<Path> logs = Files.list(logDir)) {
            for (Path log : logs.filter(file -> file.toString().endsWith(".log")).toList()) {
                try (Stream<String> lines = Files.lines(log)) {
                    lines.filter(line -> line.contains(MARKER))
                            .map(line -> line.substring(line.indexOf(MARKER) + MARKER.length()))
                            .forEach(batch -> read(batch, spans));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spans;
    }

    private static void read(String batch, List<Span> spans) {
        JsonNode resourceSpans;
        try {
            resourceSpans = JSON.readTree(batch);
        } catch (IOException e) {
            return; // a batch the service is still writing
        }
        String service = "";
        for (JsonNode attribute : resourceSpans.path("resource").path("attributes")) {
            if (attribute.path("key").asText().equals("service.name")) {
                service = attribute.path("value").path("stringValue").asText();
            }
        }
        for (JsonNode scope : resourceSpans.path("scopeSpans")) {
            for (JsonNode span : scope.path("spans")) {
                spans.add(new Span(service, span.path("traceId").asText(), span.path("spanId").asText(),
                        span.path("parentSpanId").asText(), span.path("name").asText(), span));
            }
        }
    }
}
