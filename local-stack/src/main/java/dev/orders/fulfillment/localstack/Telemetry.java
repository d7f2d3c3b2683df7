package dev.orders.fulfillment.localstack;

import java.util.Map;

/**
 * Every service traces itself (OpenTelemetry's Spring Boot starter, in service-support) and exports traces, logs and
 * metrics over OTLP to {@code OTEL_EXPORTER_OTLP_ENDPOINT} when it names a collector, and nowhere without one
 * (service-support's {@code ServiceEnvironmentPostProcessor}); an {@code OTEL_*_EXPORTER} variable says otherwise
 * ({@code OTEL_TRACES_EXPORTER=console} prints every span into the service's log). The launcher only names each.
 */
final class Telemetry {

    private Telemetry() {}

    /** The service's name is always its own. */
    static void configure(Service service, Map<String, String> environment) {
        environment.put("OTEL_SERVICE_NAME", service.moduleName());
    }

    /** One line for the start-up report; {@code connections} may name the stack's own collector. */
    static String describe(Settings settings, Map<String, String> connections) {
        String endpoint = connections.getOrDefault(
                "OTEL_EXPORTER_OTLP_ENDPOINT", settings.environment().get("OTEL_EXPORTER_OTLP_ENDPOINT"));
        String traces = settings.environment().get("OTEL_TRACES_EXPORTER");
        if (endpoint != null) {
            return "OpenTelemetry: every service exports over OTLP to " + endpoint;
        }
        return traces != null
                ? "OpenTelemetry: traces exported by OTEL_TRACES_EXPORTER=" + traces
                : "OpenTelemetry: exporting nowhere (set OTEL_EXPORTER_OTLP_ENDPOINT to a collector)";
    }
}
