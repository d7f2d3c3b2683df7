package dev.orders.fulfillment.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.contracts.AmendOrderInput;
import dev.orders.fulfillment.contracts.CustomerHistory;
import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.FulfillmentPolicy;
import dev.orders.fulfillment.contracts.OrderFulfillmentInput;
import dev.orders.fulfillment.contracts.OrderFulfillmentResult;
import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import dev.orders.fulfillment.contracts.OrderLine;
import dev.orders.fulfillment.contracts.OrderSearchAttributes;
import dev.orders.fulfillment.contracts.OrderStep;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records one history per decision path from a real Temporal server ({@code temporal server start-dev}, the CLI
 * {@code make temporal} installs), for {@link RecordedHistoryReplayTest}. Its name is outside surefire's test
 * patterns, so {@code make test} never runs it: {@code make histories} does, after a change to the workflow; and commit what it writes next to the histories recorded
 * before (which must keep replaying: README, "Changing the workflow while orders are in flight").
 *
 * <p>The workflow runs on its production task queue against {@link FakeServices}; the policy's windows are seconds,
 * not days, so the timeouts and expiries happen in real time.
 */
class HistoryRecorder {

    /** Every decision path the replay test must find a recording of (one file each; a continued run adds files). */
    static final List<String> PATHS = List.of(
            "auto-approved",
            "invalid",
            "review-approved",
            "review-rejected",
            "review-timed-out",
            "backorder-restocked",
            "backorder-expired",
            "backorder-continued-as-new",
            "payment-declined",
            "payment-error",
            "shipping-rejected",
            "cancelled-during-fraud",
            "cancelled-in-review",
            "cancelled-during-reservation",
            "cancelled-backordered",
            "cancelled-during-payment",
            "cancel-after-shipping-began",
            "cancelled-in-temporal",
            "amended-in-review",
            "amended-backordered",
            "fraud-failed-held",
            "reservation-failed");

    private static final FulfillmentPolicy SECONDS =
            new FulfillmentPolicy(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofMillis(500), 0);

    private static Process server;
    private static WorkflowServiceStubs service;
    private static WorkflowClient client;
    private static Path out;

    private FakeServices services;
    private WorkerFactory factory;

    @BeforeAll
    static void startServer() throws Exception {
        Path cli = Path.of(System.getProperty("histories.temporal", "../.tools/bin/temporal"));
        assertThat(cli).as("the Temporal CLI (make temporal installs it)").isExecutable();
        out = Path.of(System.getProperty("histories.dir", "target/histories"));
        Files.createDirectories(out);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                cli.toString(),
                "server",
                "start-dev",
                "--headless",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--log-level",
                "warn"));
        for (SearchAttributeKey<?> key : OrderSearchAttributes.ALL) {
            command.add("--search-attribute");
            command.add(key.getName() + "="
                    + (key.getValueType() == IndexedValueType.INDEXED_VALUE_TYPE_INT ? "Int" : "Keyword"));
        }
        server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(
                        Path.of("target/history-recorder-temporal.log").toFile()))
                .start();
        service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + port)
                .build());
        awaitServer();
        client = WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder().setNamespace("default").build());
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (service != null) {
            service.shutdownNow();
        }
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void recordEveryDecisionPath() throws Exception {
        record("auto-approved", s -> {}, null);
        record("invalid", s -> {}, null, order(SECONDS, 0));
        record("review-approved", s -> s.riskScore = 95, workflow -> {
            awaitStep(workflow, OrderStep.AWAITING_REVIEW);
            workflow.manualReviewDecision("approved");
        });
        record("review-rejected", s -> s.riskScore = 95, workflow -> {
            awaitStep(workflow, OrderStep.AWAITING_REVIEW);
            workflow.manualReviewDecision("rejected");
        });
        record("review-timed-out", s -> s.riskScore = 95, null);
        record("backorder-restocked", s -> s.shortReservations = 1, workflow -> {
            awaitStep(workflow, OrderStep.AWAITING_RESTOCK);
            workflow.restocked("prod-1");
        });
        record("backorder-expired", s -> s.shortReservations = -1, null);
        // a budget of 20 events: the wait continues as new after a few rechecks
        record(
                "backorder-continued-as-new",
                s -> s.shortReservations = 5,
                null,
                order(
                        new FulfillmentPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMillis(200), 20),
                        2));
        record("payment-declined", s -> s.declineReason = "insufficient_funds", null);
        record("payment-error", s -> s.failTransiently("ProcessPayment", Integer.MAX_VALUE), null);
        record("shipping-rejected", s -> s.failPermanently("CreateShipment", "ShipmentRejected"), null);
        recordCancelDuring("cancelled-during-fraud", "FraudAssessment");
        record("cancelled-in-review", s -> s.riskScore = 95, workflow -> {
            awaitStep(workflow, OrderStep.AWAITING_REVIEW);
            workflow.cancel("changed my mind");
        });
        recordCancelDuring("cancelled-during-reservation", "ReserveInventory");
        record("cancelled-backordered", s -> s.shortReservations = -1, workflow -> {
            awaitStep(workflow, OrderStep.AWAITING_RESTOCK);
            workflow.cancel(null);
        });
        recordCancelDuring("cancelled-during-payment", "ProcessPayment");
        recordCancelDuring("cancel-after-shipping-began", "CreateShipment");
        record("cancelled-in-temporal", s -> s.riskScore = 95, workflow -> {
            awaitStep(workflow, OrderStep.AWAITING_REVIEW);
            WorkflowStub.fromTyped(workflow).cancel();
        });
        record("amended-in-review", s -> s.riskScore = 95, workflow -> {
            awaitStep(workflow, OrderStep.AWAITING_REVIEW);
            services.riskScore = 10;
            workflow.amendItems(new AmendOrderInput(List.of(line(1))));
        });
        record("amended-backordered", s -> s.shortReservations = -1, workflow -> {
            awaitStep(workflow, OrderStep.AWAITING_RESTOCK);
            services.shortReservations = 0;
            workflow.amendItems(new AmendOrderInput(List.of(line(1))));
        });
        record("fraud-failed-held", s -> s.failPermanently("FraudAssessment", "IllegalStateException"), workflow -> {
            awaitStep(workflow, OrderStep.AWAITING_REVIEW);
            workflow.manualReviewDecision("approved");
        });
        record("reservation-failed", s -> s.failPermanently("ReserveInventory", "InvalidOrderLines"), null);
    }

    private void recordCancelDuring(String path, String activity) throws Exception {
        FakeServices.Gate[] gate = new FakeServices.Gate[1];
        record(path, s -> gate[0] = s.hold(activity), workflow -> {
            try {
                gate[0].awaitEntered();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            workflow.cancel("changed my mind");
            gate[0].open();
        });
    }

    private void record(String path, Consumer<FakeServices> script, Consumer<OrderFulfillmentWorkflow> drive)
            throws Exception {
        record(path, script, drive, order(SECONDS, 2));
    }

    private void record(
            String path,
            Consumer<FakeServices> script,
            Consumer<OrderFulfillmentWorkflow> drive,
            OrderFulfillmentInput input)
            throws Exception {
        services = new FakeServices();
        script.accept(services);
        factory = WorkerFactory.newInstance(client);
        factory.newWorker(OrderFulfillmentWorkflow.TASK_QUEUE)
                .registerWorkflowImplementationTypes(OrderFulfillmentWorkflowImpl.class);
        services.registerOn(factory::newWorker);
        factory.start();
        try {
            OrderFulfillmentWorkflow workflow = client.newWorkflowStub(
                    OrderFulfillmentWorkflow.class,
                    WorkflowOptions.newBuilder()
                            .setWorkflowId(OrderFulfillmentWorkflow.workflowId(input.orderId()))
                            .setTaskQueue(OrderFulfillmentWorkflow.TASK_QUEUE)
                            .build());
            WorkflowClient.start(workflow::fulfil, input);
            if (drive != null) {
                drive.accept(workflow);
            }
            WorkflowStub stub = WorkflowStub.fromTyped(workflow);
            String outcome;
            try {
                outcome = stub.getResult(2, TimeUnit.MINUTES, OrderFulfillmentResult.class)
                        .status()
                        .wireName();
            } catch (WorkflowFailedException e) {
                outcome = "closed by " + e.getCause().getClass().getSimpleName();
            }
            write(path, stub.getExecution().getWorkflowId(), firstRunId(stub));
            System.out.printf("recorded %-30s %s%n", path, outcome);
        } finally {
            factory.shutdownNow();
            factory.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static OrderLine line(int quantity) {
        return new OrderLine("prod-1", quantity, new BigDecimal("29.99"), 250);
    }

    private static OrderFulfillmentInput order(FulfillmentPolicy policy, int quantity) {
        OrderLine line = line(quantity);
        return new OrderFulfillmentInput(
                UUID.randomUUID(),
                "history-recorder",
                CustomerTier.STANDARD,
                line.lineTotal(),
                "USD",
                "card",
                List.of(line),
                CustomerHistory.none(),
                policy);
    }

    /** Writes each run of the order's continue-as-new chain: {@code path.json}, then {@code path.run-2.json}, ... */
    private static void write(String path, String workflowId, String runId) throws IOException {
        int run = 1;
        while (runId != null) {
            WorkflowExecutionHistory history = client.fetchHistory(workflowId, runId);
            Files.writeString(
                    out.resolve(run == 1 ? path + ".json" : path + ".run-" + run + ".json"),
                    history.toJson(true) + "\n");
            List<HistoryEvent> events = history.getEvents();
            HistoryEvent last = events.get(events.size() - 1);
            runId = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
                    : null;
            run++;
        }
    }

    /** The stub follows the chain to its last run; the first run's id is in that run's first event. */
    private static String firstRunId(WorkflowStub stub) {
        String runId = stub.getExecution().getRunId();
        return client.fetchHistory(stub.getExecution().getWorkflowId(), runId)
                .getEvents()
                .get(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getFirstExecutionRunId();
    }

    private static void awaitStep(OrderFulfillmentWorkflow workflow, OrderStep step) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (workflow.progress().step() != step) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never reached " + step + "; at " + workflow.progress());
            }
            sleep(50);
        }
    }

    private static void awaitServer() {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                service.blockingStub()
                        .getSystemInfo(io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance());
                return;
            } catch (RuntimeException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "temporal server start-dev did not come up; see " + "target/history-recorder-temporal.log",
                            e);
                }
                sleep(200);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
