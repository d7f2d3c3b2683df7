package dev.orders.fulfillment.localstack;

import static dev.orders.fulfillment.localstack.OrdersApi.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make run} stopped and started again on the same data directory, on the CLI's dev server: a held order is
 * the same workflow run after the restart, listed with the CLI and approved in the Temporal UI as an operator
 * would; and when Temporal's database is lost while PostgreSQL keeps the orders, api-service's dispatcher re-drives
 * the unfinished ones, which the seed's CLI signal then decides.
 */
class TemporalPersistenceEndToEndTest {

    private static final String HELD_ORDER = """
            {"customer_id":"new-customer","customer_tier":"new",
             "items":[{"product_id":"prod-1","quantity":1,"price":6000}]}""";
    private static final String HELD_QUERY = "OrderStatus='manual_review'";

    @TempDir
    Path dataDir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aHeldOrderKeepsItsRunAcrossRestartsAndALostTemporalDatabaseIsRedrivenFromTheOrders() throws Exception {
        Path cli = RealParts.requireTemporalCli();
        RealParts.requireBrowser();
        JsonNode approvedLater;
        JsonNode redrivenLater;
        String approvedRun;
        String redrivenRun;
        try (RunningStack stack = start()) {
            OrdersApi api = new OrdersApi(stack.baseUrl());
            approvedLater = api.place(HELD_ORDER);
            redrivenLater = api.place(HELD_ORDER);
            api.awaitStatus(approvedLater, "manual_review");
            api.awaitStatus(redrivenLater, "manual_review");
            approvedRun = describe(stack, approvedLater).getExecution().getRunId();
            redrivenRun = describe(stack, redrivenLater).getExecution().getRunId();
        }

        try (RunningStack stack = start()) {
            OrdersApi api = new OrdersApi(stack.baseUrl());
            WorkflowExecutionDescription held = describe(stack, approvedLater);
            assertThat(held.getExecution().getRunId()).isEqualTo(approvedRun);
            assertThat(held.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
            assertThat(api.get("/api/orders/" + id(approvedLater))
                            .path("order")
                            .path("status")
                            .asText())
                    .isEqualTo("manual_review");
            // what README tells an operator to run: exactly the held orders
            await().atMost(OrdersApi.SETTLE)
                    .untilAsserted(() -> assertThat(
                                    temporal(cli, stack, "workflow", "list", "--query", HELD_QUERY, "--output", "json"))
                            .satisfies(listed -> assertThat(workflowIds(listed))
                                    .containsExactlyInAnyOrder(workflowId(approvedLater), workflowId(redrivenLater))));

            try (TemporalUi ui = new TemporalUi(
                    stack.temporalUiUrl().orElseThrow(),
                    Settings.findRoot().resolve("local-stack/target/screenshots"))) {
                assertThat(ui.listedWorkflowIds("OrderStatus=\"manual_review\"", workflowId(approvedLater)))
                        .contains(workflowId(approvedLater), workflowId(redrivenLater));
                ui.sendSignal(workflowId(approvedLater), "manual-review-decision", "\"approved\"");
            }
            JsonNode done = api.awaitStatus(approvedLater, "completed");
            assertThat(done.path("decision_path").asText()).isEqualTo("manual_approved");
            assertThat(describe(stack, approvedLater).getExecution().getRunId()).isEqualTo(approvedRun);
            await().atMost(OrdersApi.SETTLE)
                    .untilAsserted(() -> assertThat(workflowIds(temporal(
                                    cli, stack, "workflow", "list", "--query", HELD_QUERY, "--output", "json")))
                            .containsExactly(workflowId(redrivenLater)));
        }

        // disaster recovery: Temporal's database gone, PostgreSQL's orders kept
        Files.delete(dataDir.resolve("temporal.db"));
        try (RunningStack stack = start()) {
            OrdersApi api = new OrdersApi(stack.baseUrl());
            await().atMost(OrdersApi.SETTLE)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(
                            () -> assertThat(workflowIds(temporal(cli, stack, "workflow", "list", "--output", "json")))
                                    .containsExactly(workflowId(redrivenLater)));
            WorkflowExecutionDescription redriven = describe(stack, redrivenLater);
            assertThat(redriven.getExecution().getRunId()).isNotEqualTo(redrivenRun);
            // the first assessment is kept, so the new run holds the order for review again
            api.awaitStatus(redrivenLater, "manual_review");
            // the seed's way to decide from Temporal itself
            temporal(
                    cli,
                    stack,
                    "workflow",
                    "signal",
                    "--workflow-id",
                    workflowId(redrivenLater),
                    "--name",
                    "manual-review-decision",
                    "--input",
                    "\"approved\"");
            assertThat(api.awaitStatus(redrivenLater, "completed")
                            .path("decision_path")
                            .asText())
                    .isEqualTo("manual_approved");
            // a finished order is not re-driven: Temporal never hears of it again
            assertThat(api.get("/api/orders/" + id(approvedLater))
                            .path("order")
                            .path("status")
                            .asText())
                    .isEqualTo("completed");
            assertThat(workflowIds(temporal(cli, stack, "workflow", "list", "--output", "json")))
                    .doesNotContain(workflowId(approvedLater));
        }
    }

    private RunningStack start() throws IOException, InterruptedException {
        Map<String, String> environment = RealParts.stackEnvironment();
        environment.remove("TEMPORAL_FRONTEND"); // it is about the dev server's database
        // the dispatcher looks for forgotten workflows within seconds instead of a minute
        environment.put("ORDERS_DISPATCHER_QUIET", "2s");
        environment.put("ORDERS_DISPATCHER_LIVENESS_INTERVAL", "1s");
        Settings settings = Settings.fromEnvironment(Settings.findRoot(), environment)
                .withDataDir(dataDir)
                .withPorts(19080, 26432, 17533);
        RunningStack stack = LocalStack.start(settings);
        if (!stack.temporalIsRealServer()) {
            stack.close();
            RealParts.requireRealTemporal(stack);
        }
        return stack;
    }

    private static WorkflowExecutionDescription describe(RunningStack stack, JsonNode order) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(stack.temporalAddress())
                .build());
        try {
            return WorkflowClient.newInstance(stubs)
                    .newUntypedWorkflowStub(workflowId(order))
                    .describe();
        } finally {
            stubs.shutdownNow();
        }
    }

    /** The Temporal CLI against the stack's server, as an operator runs it; its output. */
    private static String temporal(Path cli, RunningStack stack, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cli.toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--address", stack.temporalAddress(), "--namespace", TemporalFrontend.NAMESPACE));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
        return output;
    }

    /** {@code temporal workflow list --output json}: an array of workflows. */
    private List<String> workflowIds(String listed) throws IOException {
        List<String> ids = new ArrayList<>();
        json.readTree(listed)
                .forEach(workflow ->
                        ids.add(workflow.path("execution").path("workflowId").asText()));
        return ids;
    }

    private static String workflowId(JsonNode order) {
        return "order-" + id(order);
    }
}
