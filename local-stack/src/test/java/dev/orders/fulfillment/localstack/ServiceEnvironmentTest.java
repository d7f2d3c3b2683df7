package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceEnvironmentTest {

    private static final Path ROOT = Path.of("/repo");

    /** The values are the profile's (service-support's SimulationDemoProfileTest: the environment still wins). */
    @Test
    void demoSimulationTurnsOnTheProfileBesideTheEnvironmentsOwn() {
        Settings settings = Settings.fromEnvironment(
                ROOT, Map.of("SIM", "demo", "PAYMENT_FAILURE_RATE", "0.5", "SPRING_PROFILES_INCLUDE", "extra"));

        assertThat(Service.PAYMENT_WORKER.environment(settings, Map.of()))
                .containsEntry("PAYMENT_FAILURE_RATE", "0.5")
                .containsEntry("SPRING_PROFILES_INCLUDE", "extra," + Service.DEMO_SIMULATION_PROFILE);
        assertThat(Service.FRAUD_WORKER.environment(Settings.fromEnvironment(ROOT, Map.of("SIM", "demo")), Map.of()))
                .containsEntry("SPRING_PROFILES_INCLUDE", Service.DEMO_SIMULATION_PROFILE);
    }

    @Test
    void withoutSimTheServicesSimulateNothing() {
        Settings settings = Settings.fromEnvironment(ROOT, Map.of("FRAUD_FAILURE_RATE", "0.3"));

        Map<String, String> environment = Service.FRAUD_WORKER.environment(settings, Map.of());

        assertThat(environment)
                .containsEntry("FRAUD_FAILURE_RATE", "0.3")
                .doesNotContainKeys(
                        "FRAUD_LATENCY_MIN_MS",
                        "PAYMENT_FAILURE_RATE",
                        "INVENTORY_OUT_OF_STOCK_FAILURE_RATE",
                        "SPRING_PROFILES_INCLUDE");
    }

    @Test
    void anUnknownSimulationIsRejected() {
        assertThatThrownBy(() -> Settings.fromEnvironment(ROOT, Map.of("SIM", "chaos")))
                .hasMessageContaining("SIM=demo");
    }

    @Test
    void eachServiceGetsItsPortTheConnectionsAndTheInheritedEnvironment() {
        Settings settings = Settings.fromEnvironment(ROOT, Map.of("SERVER_PORT", "1", "JAVA_TOOL_OPTIONS", "-Dx=y"))
                .withPorts(9000, 25432, 17233);
        Map<String, String> connections = Map.of(
                "TEMPORAL_ADDRESS",
                "localhost:17233",
                "SPRING_DATASOURCE_URL",
                "jdbc:postgresql://localhost:25432/orders");

        assertThat(Service.API_SERVICE.environment(settings, connections))
                .containsAllEntriesOf(connections)
                .containsEntry("SERVER_PORT", "9000")
                .containsEntry("INVENTORY_URL", "http://localhost:9003")
                .containsEntry("JAVA_TOOL_OPTIONS", "-Dx=y");
        assertThat(Service.NOTIFICATION_WORKER.environment(settings, connections))
                .containsAllEntriesOf(connections)
                .containsEntry("SERVER_PORT", "9006")
                .doesNotContainKey("INVENTORY_URL");
        assertThat(Service.NOTIFICATION_WORKER.readinessUrl(settings))
                .isEqualTo("http://localhost:9006/actuator/health/readiness");
    }

    @Test
    void eachServiceIsNamedForItselfAndDecidesItselfWhereToExport() {
        Settings settings = Settings.fromEnvironment(ROOT, Map.of("OTEL_SERVICE_NAME", "everything"));

        // without an endpoint a service exports nowhere (ServiceEnvironmentPostProcessor): nothing to say here, and
        // an OTEL_METRICS_EXPORTER would turn Micrometer's export off
        assertThat(Service.FRAUD_WORKER.environment(settings, Map.of()))
                .containsEntry("OTEL_SERVICE_NAME", "fraud-worker")
                .doesNotContainKeys("OTEL_TRACES_EXPORTER", "OTEL_LOGS_EXPORTER", "OTEL_METRICS_EXPORTER");
    }

    @Test
    void theApiRunsOpenUnlessTheEnvironmentAsksForTokens() {
        assertThat(Service.API_SERVICE.environment(Settings.fromEnvironment(ROOT, Map.of()), Map.of()))
                .containsEntry("ORDERS_SECURITY_MODE", "open");
        assertThat(Service.API_SERVICE.environment(
                        Settings.fromEnvironment(ROOT, Map.of("ORDERS_SECURITY_MODE", "jwt")), Map.of()))
                .containsEntry("ORDERS_SECURITY_MODE", "jwt");
        assertThat(Service.FRAUD_WORKER.environment(Settings.fromEnvironment(ROOT, Map.of()), Map.of()))
                .doesNotContainKey("ORDERS_SECURITY_MODE");
    }

    @Test
    void theStockApiCredentialIsMadeUpForEachRunUnlessGiven() {
        Settings settings = Settings.fromEnvironment(ROOT, Map.of());
        String first = Service.credentials(settings).get("INVENTORY_API_PASSWORD");
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(Service.credentials(settings).get("INVENTORY_API_PASSWORD")).isNotEqualTo(first);
        assertThat(Service.credentials(Settings.fromEnvironment(ROOT, Map.of("INVENTORY_API_PASSWORD", "chosen"))))
                .containsEntry("INVENTORY_API_PASSWORD", "chosen");
    }

    @Test
    void aCollectorEndpointTurnsExportOnAndTheUsersChoicesStand() {
        Settings settings = Settings.fromEnvironment(
                ROOT, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318", "OTEL_LOGS_EXPORTER", "console"));

        assertThat(Service.API_SERVICE.environment(settings, Map.of()))
                .containsEntry("OTEL_SERVICE_NAME", "api-service")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
                .containsEntry("OTEL_LOGS_EXPORTER", "console")
                .doesNotContainKeys("OTEL_TRACES_EXPORTER", "OTEL_METRICS_EXPORTER");
    }

    @Test
    void serviceJavaOptsComeAfterTheDefaultsSoTheyWin() {
        Settings settings =
                Settings.fromEnvironment(ROOT, Map.of("SERVICE_JAVA_OPTS", " -XX:TieredStopAtLevel=4   -Xmx256m "));

        assertThat(Service.API_SERVICE.jvmOptions(settings, List.of("-XX:SharedArchiveFile=/repo/a.jsa")))
                .containsSubsequence(
                        "@/repo/jvm.options",
                        "@/repo/api-service/jvm.options",
                        "-XX:SharedArchiveFile=/repo/a.jsa",
                        "-XX:TieredStopAtLevel=4",
                        "-Xmx256m")
                .endsWith("-XX:TieredStopAtLevel=4", "-Xmx256m");
    }

    /** The argument files, read by the java launcher itself: the shared flags and each service's own heap. */
    @ParameterizedTest
    @CsvSource({
        "API_SERVICE, 192",
        "ORDER_WORKFLOW_WORKER, 128",
        "FRAUD_WORKER, 128",
        "INVENTORY_WORKER, 128",
        "PAYMENT_WORKER, 128",
        "SHIPPING_WORKER, 128",
        "NOTIFICATION_WORKER, 128"
    })
    void theJvmOptionFilesGiveTheSharedFlagsAndTheServicesHeap(Service service, long heapMegabytes)
            throws IOException, InterruptedException {
        Settings settings = Settings.fromEnvironment(Settings.findRoot(), Map.of());
        List<String> command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        service.jvmOptionFiles(settings).forEach(file -> command.add("@" + file));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String flags = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(java.waitFor()).as(flags).isZero();
        assertThat(flags)
                .containsPattern("MaxHeapSize += " + heapMegabytes * 1024 * 1024 + " ")
                .containsPattern("TieredStopAtLevel += 1 ")
                .containsPattern("UseSerialGC += true ")
                .containsPattern("ExitOnOutOfMemoryError += true ");
    }

    @Test
    void postgresPortAndReadyTimeoutComeFromTheEnvironment() {
        Settings settings =
                Settings.fromEnvironment(ROOT, Map.of("POSTGRES_PORT", "25432", "READY_TIMEOUT_SECONDS", "60"));

        assertThat(settings.postgresPort()).isEqualTo(25432);
        assertThat(settings.readyTimeout()).hasSeconds(60);
        assertThat(settings.dataDir()).isEqualTo(ROOT.resolve(".data"));
    }
}
