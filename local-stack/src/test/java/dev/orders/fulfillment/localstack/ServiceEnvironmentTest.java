package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void demoSimulationFillsInOnlyWhatTheEnvironmentLeavesUnset() {
        Settings settings = Settings.fromEnvironment(ROOT, Map.of("SIM", "demo", "PAYMENT_FAILURE_RATE", "0.5"));

        Map<String, String> environment = Service.PAYMENT_WORKER.environment(settings, Map.of());

        Map<String, String> expected = new HashMap<>(Service.DEMO_SIMULATION);
        expected.put("PAYMENT_FAILURE_RATE", "0.5");
        assertThat(environment).containsAllEntriesOf(expected);
        assertThat(environment).containsEntry("PAYMENT_DECLINE_FAILURE_RATE", "0.05")
                .containsEntry("PAYMENT_LATENCY_MIN_MS", "50")
                .containsEntry("PAYMENT_LATENCY_MAX_MS", "200");
    }

    @Test
    void withoutSimTheServicesSimulateNothing() {
        Settings settings = Settings.fromEnvironment(ROOT, Map.of("FRAUD_FAILURE_RATE", "0.3"));

        Map<String, String> environment = Service.FRAUD_WORKER.environment(settings, Map.of());

        assertThat(environment).containsEntry("FRAUD_FAILURE_RATE", "0.3")
                .doesNotContainKeys("FRAUD_LATENCY_MIN_MS", "PAYMENT_FAILURE_RATE",
                        "INVENTORY_OUT_OF_STOCK_FAILURE_RATE");
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
        Map<String, String> connections = Map.of("TEMPORAL_ADDRESS", "localhost:17233",
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:25432/orders");

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
    void postgresPortAndReadyTimeoutComeFromTheEnvironment() {
        Settings settings = Settings.fromEnvironment(ROOT,
                Map.of("POSTGRES_PORT", "25432", "READY_TIMEOUT_SECONDS", "60"));

        assertThat(settings.postgresPort()).isEqualTo(25432);
        assertThat(settings.readyTimeout()).hasSeconds(60);
        assertThat(settings.dataDir()).isEqualTo(ROOT.resolve(".data"));
    }
}
