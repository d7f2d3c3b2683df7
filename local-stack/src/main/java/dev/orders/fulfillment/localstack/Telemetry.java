package dev.orders.fulfillment.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenTelemetry Java agent on every service (the build puts it in {@code local-stack/target/agent}). It exports
 * over OTLP only when {@code OTEL_EXPORTER_OTLP_ENDPOINT} names a collector; without one it exports nothing, rather
 * than log a failed export every few seconds, unless an {@code OTEL_*_EXPORTER} variable says otherwise
 * ({@code OTEL_TRACES_EXPORTER=console} prints every span into the service's log). The agent sends traces and logs;
 * metrics go through Micrometer, which follows the same endpoint ({@code ServiceEnvironmentPostProcessor}). The
 * rest of the agent's settings are in {@code otel-agent.properties}.
 */
final class Telemetry {

    static final List<String> EXPORTERS = List.of("OTEL_TRACES_EXPORTER", "OTEL_LOGS_EXPORTER");

    /** The agent's settings (metrics off in the agent, which instrumentation is on): one file, shared with the images. */
    static final String AGENT_CONFIGURATION = "otel-agent.properties";

    private Telemetry() {}

    static Path agentJar(Settings settings) {
        return settings.root().resolve("local-stack/target/agent/opentelemetry-javaagent.jar");
    }

    static List<String> jvmOptions(Settings settings) {
        Path agent = agentJar(settings);
        if (!Files.isRegularFile(agent)) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        options.add("-javaagent:" + agent);
        options.add("-Dotel.javaagent.configuration-file=" + settings.root().resolve(AGENT_CONFIGURATION));
        return options;
    }

    /** Fills in what the launcher's environment leaves unset; the service's name is always its own. */
    static void configure(Service service, Map<String, String> environment) {
        environment.put("OTEL_SERVICE_NAME", service.moduleName());
        if (!environment.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")) {
            EXPORTERS.forEach(exporter -> environment.putIfAbsent(exporter, "none"));
        }
    }

    /** One line for the start-up report; {@code connections} may name the stack's own collector. */
    static String describe(Settings settings, Map<String, String> connections) {
        if (!Files.isRegularFile(agentJar(settings))) {
            return "OpenTelemetry agent not found (" + settings.root().relativize(agentJar(settings))
                    + "): services run untraced; `make build` fetches it";
        }
        String endpoint = connections.getOrDefault(
                "OTEL_EXPORTER_OTLP_ENDPOINT", settings.environment().get("OTEL_EXPORTER_OTLP_ENDPOINT"));
        String traces = settings.environment().get("OTEL_TRACES_EXPORTER");
        if (endpoint != null) {
            return "OpenTelemetry agent attached, exporting over OTLP to " + endpoint;
        }
        return traces != null
                ? "OpenTelemetry agent attached, traces exported by OTEL_TRACES_EXPORTER=" + traces
                : "OpenTelemetry agent attached, exporting nowhere (set OTEL_EXPORTER_OTLP_ENDPOINT to a collector)";
    }
}
