package dev.orders.fulfillment.localstack;

import static dev.orders.fulfillment.localstack.PostgresTest.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalFrontendTest {

    @Test
    void runsTheTestServerInProcessWhenNoTemporalCliIsOnThePath(@TempDir Path root) throws Exception {
        int port = freePort();
        Settings settings = Settings.fromEnvironment(root, Map.of("PATH", root.toString()))
                .withPorts(18080, 15432, port);

        try (TemporalFrontend temporal = TemporalFrontend.start(settings)) {
            assertThat(temporal.address()).isEqualTo("localhost:" + port);
            assertThat(temporal.uiUrl()).isEmpty();
            assertThat(temporal.serviceEnvironment())
                    .containsExactlyEntriesOf(Map.of("TEMPORAL_ADDRESS", temporal.address()));

            WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
            try {
                assertThat(stubs.healthCheck().getStatus()).isEqualTo(ServingStatus.SERVING);
            } finally {
                stubs.shutdownNow();
            }
        }
        assertThat(Ports.acceptsConnections(port)).isFalse();
    }

    @Test
    void usesTheFrontendTemporalAddressNames(@TempDir Path root) throws Exception {
        Settings settings = Settings.fromEnvironment(root, Map.of("TEMPORAL_ADDRESS", "temporal.example:7233"));

        try (TemporalFrontend temporal = TemporalFrontend.start(settings)) {
            assertThat(temporal.address()).isEqualTo("temporal.example:7233");
            assertThat(temporal.serviceEnvironment()).isEmpty();
        }
    }
}
