package dev.orders.fulfillment.localstack;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP (protobuf) endpoint on a free port that keeps every trace, metric and log export it is sent, and the
 * {@code Authorization} header each came with: the collector's stand-in for the end-to-end test, and Scout's (with
 * an {@link OAuth2TokenEndpoint} beside it) for the collector pipeline test.
 */
final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<ResourceSpans> spans = new CopyOnWriteArrayList<>();
    private final List<ResourceMetrics> metrics = new CopyOnWriteArrayList<>();
    private final List<ResourceLogs> logs = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        return start(InetAddress.getLoopbackAddress());
    }

    /** On a free port of {@code address}: the loopback for processes on this machine, a bridge's for containers. */
    static OtlpReceiver start(InetAddress address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext(
                "/v1/traces",
                exchange -> receiver.receive(exchange, body -> {
                    receiver.spans.addAll(
                            ExportTraceServiceRequest.parseFrom(body).getResourceSpansList());
                    return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                }));
        server.createContext(
                "/v1/metrics",
                exchange -> receiver.receive(exchange, body -> {
                    receiver.metrics.addAll(
                            ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList());
                    return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
                }));
        server.createContext(
                "/v1/logs",
                exchange -> receiver.receive(exchange, body -> {
                    receiver.logs.addAll(
                            ExportLogsServiceRequest.parseFrom(body).getResourceLogsList());
                    return ExportLogsServiceResponse.getDefaultInstance().toByteArray();
                }));
        server.start();
        return receiver;
    }

    /** What the services' {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set to. */
    String endpoint() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    List<ResourceSpans> spans() {
        return List.copyOf(spans);
    }

    List<ResourceMetrics> metrics() {
        return List.copyOf(metrics);
    }

    List<ResourceLogs> logs() {
        return List.copyOf(logs);
    }

    /** Each export's {@code Authorization} header, in arrival order ({@code "none"} where it had none). */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** From now on every export is answered 503 and kept nowhere, as by a receiver that is down. */
    void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** Serves {@code handler} on this receiver's port too. */
    void addContext(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String serviceName(Resource resource) {
        return attributes(resource.getAttributesList()).getOrDefault("service.name", "");
    }

    /** Attribute values as text; an array as {@code [a, b]}. */
    static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> text = new LinkedHashMap<>();
        attributes.forEach(attribute -> text.put(attribute.getKey(), text(attribute.getValue())));
        return text;
    }

    static String hex(com.google.protobuf.ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case ARRAY_VALUE ->
                value.getArrayValue().getValuesList().stream()
                        .map(OtlpReceiver::text)
                        .collect(Collectors.joining(", ", "[", "]"));
            default -> value.toString();
        };
    }

    private interface Handler {
        byte[] handle(byte[] body) throws InvalidProtocolBufferException;
    }

    private void receive(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (refusing) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "none" : authorization);
            byte[] body;
            try (InputStream in = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody())
                    : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            byte[] response;
            try {
                response = handler.handle(body);
            } catch (InvalidProtocolBufferException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }
}
