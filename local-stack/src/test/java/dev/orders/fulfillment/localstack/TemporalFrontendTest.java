package dev.orders.fulfillment.localstack;

import static dev.orders.fulfillment.localstack.PostgresTest.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalFrontendTest {

    /** Fixed, away from make run's: the dev server's UI port is the frontend's plus 1000. */
    private static final int DEV_SERVER_PORT = 17333;

    @Test
    void runsTheTestServerInProcessWhenThereIsNoTemporalCliAndNoGo(@TempDir Path root) throws Exception {
        int port = freePort();
        Settings settings =
                Settings.fromEnvironment(root, Map.of("PATH", root.toString())).withPorts(18080, 15432, port);

        try (TemporalFrontend temporal = TemporalFrontend.start(settings)) {
            assertThat(temporal.address()).isEqualTo("localhost:" + port);
            assertThat(temporal.isRealServer()).isFalse();
            assertThat(temporal.uiUrl()).isEmpty();
            // the one line that says what is missing, and how to get it
            assertThat(temporal.description())
                    .contains("no Temporal CLI", "no Go", "go install github.com/temporalio/cli/cmd/temporal@v1.5.1");
            assertThat(temporal.serviceEnvironment())
                    .containsExactlyEntriesOf(Map.of("TEMPORAL_ADDRESS", temporal.address()));
            ServingStatus health =
                    withStubs(temporal.address(), stubs -> stubs.healthCheck().getStatus());
            assertThat(health).isEqualTo(ServingStatus.SERVING);
        }
        assertThat(Ports.acceptsConnections(port)).isFalse();
    }

    @Test
    void insistingOnTheDevServerWithoutACliOrGoFailsSayingHowToGetOne(@TempDir Path root) {
        Settings settings = Settings.fromEnvironment(
                        root, Map.of("PATH", root.toString(), "TEMPORAL_FRONTEND", "dev-server"))
                .withPorts(18080, 15432, DEV_SERVER_PORT);

        assertThatThrownBy(() -> TemporalFrontend.start(settings))
                .hasMessageContaining("TEMPORAL_FRONTEND=dev-server")
                .hasMessageContaining("go install github.com/temporalio/cli/cmd/temporal@v1.5.1");
        assertThat(Ports.acceptsConnections(DEV_SERVER_PORT)).isFalse();
    }

    @Test
    void anUnknownChoiceIsRefused(@TempDir Path root) {
        assertThatThrownBy(() -> Settings.fromEnvironment(root, Map.of("TEMPORAL_FRONTEND", "cloud")))
                .hasMessage("TEMPORAL_FRONTEND=cloud is unknown: auto, dev-server or test-server");
    }

    @Test
    void theTestServerCanBeChosenWhereTheCliIsThere(@TempDir Path root) throws Exception {
        Path cli = RealParts.requireTemporalCli();
        Settings settings = Settings.fromEnvironment(
                        root, Map.of("PATH", cli.getParent().toString(), "TEMPORAL_FRONTEND", "test-server"))
                .withPorts(18080, 15432, freePort());

        try (TemporalFrontend temporal = TemporalFrontend.start(settings)) {
            assertThat(temporal.isRealServer()).isFalse();
            assertThat(temporal.description()).contains("TEMPORAL_FRONTEND=test-server");
        }
    }

    /**
     * A database the CLI made on its own (so without the order workflow's search attributes) holding a running
     * workflow: the launcher's dev server registers the attributes in it, keeps the workflow (same run), serves the
     * UI, and does both again after a restart.
     */
    @Test
    void runsTheCliDevServerOnItsDatabaseAndRegistersTheSearchAttributesInAnExistingOne(@TempDir Path root)
            throws Exception {
        Path cli = RealParts.requireTemporalCli();
        Path dataDir = root.resolve(".data");
        Settings settings = Settings.fromEnvironment(
                        root,
                        Map.of(
                                "PATH",
                                cli.getParent()
                                        + File.pathSeparator
                                        + System.getenv().getOrDefault("PATH", "")))
                .withPorts(18080, 15432, DEV_SERVER_PORT);
        String address = "127.0.0.1:" + DEV_SERVER_PORT;
        dataDir.toFile().mkdirs();
        Process plain = new ProcessBuilder(
                        cli.toString(),
                        "server",
                        "start-dev",
                        "--headless",
                        "--ip",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(DEV_SERVER_PORT),
                        "--db-filename",
                        dataDir.resolve("temporal.db").toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("plain.log").toFile())
                .start();
        WorkflowExecution started;
        try {
            started = withStubs(address, stubs -> {
                awaitServing(stubs);
                return WorkflowClient.newInstance(
                                stubs,
                                WorkflowClientOptions.newBuilder()
                                        .setNamespace(TemporalFrontend.NAMESPACE)
                                        .build())
                        .newUntypedWorkflowStub(
                                "OrderFulfillmentWorkflow",
                                WorkflowOptions.newBuilder()
                                        .setWorkflowId("order-survives")
                                        .setTaskQueue("no-worker-here")
                                        .build())
                        .start("input");
            });
            assertThat(customAttributes(address)).doesNotContainKey("OrderStatus");
        } finally {
            plain.destroy();
            plain.waitFor(20, TimeUnit.SECONDS);
        }

        for (int run = 1; run <= 2; run++) {
            try (TemporalFrontend temporal = TemporalFrontend.start(settings)) {
                assertThat(temporal.isRealServer()).isTrue();
                assertThat(temporal.address()).isEqualTo(address);
                assertThat(temporal.description())
                        .startsWith("temporal server start-dev (CLI ")
                        .contains("Server 1.29.1", "UI 2.42.1");
                assertThat(temporal.uiUrl()).hasValue("http://localhost:" + (DEV_SERVER_PORT + 1000));
                assertThat(HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(URI.create(
                                                        temporal.uiUrl().orElseThrow()))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .isEqualTo(200);
                assertThat(customAttributes(address))
                        .containsAllEntriesOf(Map.of(
                                "OrderStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                                "CustomerId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                                "CustomerTier", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                                "RiskScore", IndexedValueType.INDEXED_VALUE_TYPE_INT,
                                "DecisionPath", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
                var described = withStubs(
                        address,
                        stubs -> WorkflowClient.newInstance(stubs)
                                .newUntypedWorkflowStub("order-survives")
                                .describe());
                assertThat(described.getExecution().getRunId()).as("run " + run).isEqualTo(started.getRunId());
                assertThat(described.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
            }
            assertThat(Ports.acceptsConnections(DEV_SERVER_PORT)).isFalse();
        }
        assertThat(root.resolve(".data/logs/temporal.log")).exists();
    }

    @Test
    void usesTheFrontendTemporalAddressNames(@TempDir Path root) throws Exception {
        Settings settings = Settings.fromEnvironment(root, Map.of("TEMPORAL_ADDRESS", "temporal.example:7233"));

        try (TemporalFrontend temporal = TemporalFrontend.start(settings)) {
            assertThat(temporal.address()).isEqualTo("temporal.example:7233");
            assertThat(temporal.serviceEnvironment()).isEmpty();
        }
    }

    private static Map<String, IndexedValueType> customAttributes(String address) {
        OperatorServiceStubs stubs = OperatorServiceStubs.newServiceStubs(
                OperatorServiceStubsOptions.newBuilder().setTarget(address).validateAndBuildWithDefaults());
        try {
            return new HashMap<>(stubs.blockingStub()
                    .listSearchAttributes(ListSearchAttributesRequest.newBuilder()
                            .setNamespace(TemporalFrontend.NAMESPACE)
                            .build())
                    .getCustomAttributesMap());
        } finally {
            stubs.shutdownNow();
        }
    }

    private static void awaitServing(WorkflowServiceStubs stubs) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (stubs.healthCheck().getStatus() == ServingStatus.SERVING) {
                    return;
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static <T> T withStubs(String address, Function<WorkflowServiceStubs, T> call) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        try {
            return call.apply(stubs);
        } finally {
            stubs.shutdownNow();
        }
    }
}
