package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The collector {@code make collector} builds, against the committed {@code otel-collector.yaml}: it holds every
 * component the file names, accepts the file, and runs on it with its health check and own metrics answering.
 */
class CollectorTest {

    private static final Path ROOT = Settings.findRoot();

    @Test
    void theManifestPinsOneReleaseAndParses() throws IOException {
        Collector.Manifest manifest = Collector.Manifest.read(ROOT.resolve(Collector.MANIFEST));

        assertThat(manifest.name()).isEqualTo("otelcol-order-fulfillment");
        assertThat(manifest.components())
                .hasSize(14)
                .allSatisfy((module, version) -> assertThat(version)
                        .isIn(
                                "v" + manifest.release(),
                                "v1." + (Integer.parseInt(manifest.release().split("\\.")[1]) - 94) + ".0"));
    }

    @Test
    void theBuiltCollectorHasEveryComponentTheConfigurationUsesAndAcceptsIt() throws Exception {
        Path binary = RealParts.requireCollector();

        Map<String, Object> built = new Yaml().load(run(binary, "components"));
        Map<String, Object> configuration;
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(Collector.CONFIGURATION))) {
            configuration = new Yaml().load(reader);
        }
        for (String kind : List.of("receivers", "processors", "exporters", "extensions")) {
            assertThat(types(built, kind)).as(kind).containsAll(configuredTypes(configuration, kind));
        }
        // the extra one, for the pipeline test's files
        assertThat(types(built, "exporters")).contains("file");
        assertThat(run(
                        binary,
                        "validate",
                        "--config",
                        ROOT.resolve(Collector.CONFIGURATION).toString()))
                .isEmpty();
    }

    @Test
    void runsOnTheRepositorysConfigurationWithItsHealthCheckAndOwnMetrics(@TempDir Path data) throws Exception {
        RealParts.requireCollector();
        Settings settings = Settings.fromEnvironment(
                        ROOT, Map.of("PATH", System.getenv().getOrDefault("PATH", "")))
                .withDataDir(data);

        try (Collector collector = Collector.start(settings)) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(Collector.HEALTH))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create("http://localhost:8888/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .contains("otelcol_process_uptime");
            assertThat(Collector.serviceEnvironment(settings))
                    .containsExactlyEntriesOf(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318"));
        }
        assertThat(Ports.acceptsConnections(13133)).isFalse();
        assertThat(data.resolve("logs/otel-collector.log")).exists();
    }

    /** {@code otelcol components}: each kind's list of {@code {name: <type>, ...}}. */
    @SuppressWarnings("unchecked")
    private static TreeSet<String> types(Map<String, Object> components, String kind) {
        TreeSet<String> types = new TreeSet<>();
        for (Map<String, Object> component : (List<Map<String, Object>>) components.get(kind)) {
            types.add(String.valueOf(component.get("name")));
        }
        return types;
    }

    /** {@code otlp_http/scout} is of type {@code otlp_http}. */
    @SuppressWarnings("unchecked")
    private static TreeSet<String> configuredTypes(Map<String, Object> configuration, String kind) {
        TreeSet<String> types = new TreeSet<>();
        ((Map<String, Object>) configuration.getOrDefault(kind, new HashMap<>()))
                .keySet()
                .forEach(id -> types.add(id.split("/")[0]));
        return types;
    }

    private static String run(Path binary, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
