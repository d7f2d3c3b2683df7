package dev.orders.fulfillment.localstack;

import static dev.orders.fulfillment.localstack.OrdersApi.id;
import static dev.orders.fulfillment.localstack.OrdersApi.traceIdOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole suite as `make run` starts it: the seven service jars as separate JVMs, embedded PostgreSQL and the
 * Temporal frontend the launcher picks (the CLI's dev server where the CLI is there, as on CI; else the Java test
 * server, and the test output says which), driven over HTTP with the seed's curl payloads. Each test asserts the
 * order's final state through the API and the rows each owning service wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FulfillmentEndToEndTest {

    private static final Duration SETTLE = OrdersApi.SETTLE;

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private final Map<UUID, String> placedTraceIds = new HashMap<>();
    private OtlpReceiver otlp;
    private RunningStack stack;
    private OrdersApi api;
    private Connection db;

    @BeforeAll
    void startStack() throws Exception {
        // away from `make run`'s ports, and deterministic whatever simulation the developer's shell exports
        Map<String, String> environment = RealParts.stackEnvironment();
        // everything the services export goes to the test's own collector, soon after it happens
        otlp = OtlpReceiver.start();
        RealParts.exportPromptlyTo(environment, otlp.endpoint());
        Settings settings = Settings.fromEnvironment(Settings.findRoot(), environment)
                .withDataDir(dataDir)
                .withPorts(18080, 25432, 17233);
        stack = LocalStack.start(settings);
        // supervised as make run does: a service that exits is started again
        stack.superviseInBackground();
        // scripts/TestReport.java puts this line in make test's summary
        System.out.println("report: FulfillmentEndToEndTest ran on " + stack.temporalDescription());
        api = new OrdersApi(stack.baseUrl());
        db = DriverManager.getConnection(stack.jdbcUrl().orElseThrow(), "postgres", "postgres");
    }

    @AfterAll
    void stopStack() throws SQLException {
        if (db != null) {
            db.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (otlp != null) {
            otlp.close();
        }
    }

    @Test
    void premiumCustomerIsAutoApprovedAndFulfilled() throws Exception {
        JsonNode order = place("""
                {"customer_id":"premium-customer","customer_tier":"premium",
                 "items":[{"product_id":"prod-1","quantity":1,"price":50}]}""");

        JsonNode done = awaitStatus(order, "completed");

        assertThat(done.path("decision_path").asText()).isEqualTo("auto_approved");
        assertThat(done.path("risk_score").asInt()).isZero();
        assertThat(done.path("transaction_id").asText()).startsWith("txn-");
        assertThat(done.path("tracking_id").asText()).isNotBlank();
        UUID id = id(order);
        assertThat(count("select count(*) from payment.charges where order_id = ? and status = 'succeeded'", id))
                .isEqualTo(1);
        assertThat(count("select count(*) from inventory.reservations where order_id = ? and status = 'reserved'", id))
                .isEqualTo(1);
        assertThat(count("select count(*) from shipping.shipments where order_id = ?", id))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from notification.notifications where order_id = ? and type = "
                                + "'order_confirmed'",
                        id))
                .isEqualTo(1);
        assertThat(count("select count(*) from fraud.assessments where order_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void anOrderIsOneTraceFromTheRequestThroughEveryServiceItTouched() throws Exception {
        HttpResponse<String> response = post("/api/orders", """
                {"customer_id":"traced-customer","customer_tier":"gold",
                 "items":[{"product_id":"prod-2","quantity":1}]}""");
        assertThat(response.statusCode()).isEqualTo(201);
        String traceId = traceIdOf(response);
        String orderId = json.readTree(response.body()).path("order").path("id").asText();
        awaitStatus(json.readTree(response.body()).path("order"), "completed");

        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ExportedSpans.Span> spans = ExportedSpans.ofTrace(otlp, traceId);
            assertThat(spans)
                    .extracting(span -> span.service() + " " + span.name())
                    .contains(
                            "api-service POST /api/orders",
                            "api-service INSERT orders.orders",
                            "api-service StartWorkflow:OrderFulfillmentWorkflow",
                            "order-workflow-worker RunWorkflow:OrderFulfillmentWorkflow",
                            "order-workflow-worker StartActivity:FraudAssessment",
                            "fraud-worker RunActivity:FraudAssessment",
                            "fraud-worker INSERT fraud.assessments",
                            "inventory-worker RunActivity:ReserveInventory",
                            "payment-worker RunActivity:ProcessPayment",
                            "payment-worker INSERT payment.charges",
                            "shipping-worker RunActivity:CreateShipment",
                            "notification-worker RunActivity:SendNotification",
                            "api-service RunActivity:RecordOrderState",
                            "fraud-worker fraud_assessment",
                            "inventory-worker reserve_inventory",
                            "payment-worker process_payment",
                            "shipping-worker create_shipment",
                            "notification-worker send_notification");
            // one tree: the request is the only root, and every other span hangs off a span of the same trace
            assertThat(spans)
                    .filteredOn(ExportedSpans.Span::isRoot)
                    .extracting(ExportedSpans.Span::name)
                    .containsExactly("POST /api/orders");
            Set<String> ids = spans.stream().map(ExportedSpans.Span::spanId).collect(Collectors.toSet());
            assertThat(spans)
                    .filteredOn(span -> !span.isRoot())
                    .allSatisfy(span -> assertThat(ids).contains(span.parentSpanId()));

            // the business decisions, on the domain spans
            assertThat(named(spans, "fraud_assessment").attributes())
                    .containsEntry("order.id", orderId)
                    .containsEntry("customer.id", "traced-customer")
                    .containsEntry("customer.tier", "gold")
                    .containsEntry("order.amount", "49.99")
                    .containsEntry("fraud.risk_score", "0")
                    .containsEntry("fraud.high_risk", "false")
                    .containsEntry("fraud.risk_factors", "[]");
            assertThat(named(spans, "reserve_inventory").attributes()).containsEntry("inventory.all_available", "true");
            assertThat(named(spans, "process_payment").attributes())
                    .containsEntry("payment.success", "true")
                    .hasEntrySatisfying(
                            "payment.transaction_id", id -> assertThat(id).startsWith("txn-"));
            assertThat(named(spans, "create_shipment").attributes())
                    .containsEntry("shipping.carrier", "express")
                    .containsKey("shipping.tracking_id");
            assertThat(named(spans, "send_notification").attributes())
                    .containsEntry("notification.type", "order_confirmed");
            assertThat(spans)
                    .filteredOn(span -> span.name().equals("fraud_assessment"))
                    .allSatisfy(
                            span -> assertThat(parentOf(spans, span).name()).isEqualTo("RunActivity:FraudAssessment"));
        });
    }

    @Test
    void aFailingStepMarksItsDomainSpanAsAnError() throws Exception {
        HttpResponse<String> response = post("/api/orders", """
                {"customer_id":"test-customer","items":[{"product_id":"industrial-press","quantity":1}]}""");
        String traceId = traceIdOf(response);
        awaitStatus(json.readTree(response.body()).path("order"), "cancelled");

        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            ExportedSpans.Span shipment = named(ExportedSpans.ofTrace(otlp, traceId), "create_shipment");
            assertThat(shipment.error()).isTrue();
            assertThat(shipment.eventNames()).contains("exception");
        });
    }

    /**
     * Every decision path once, then what the services exported: the order counts match the orders table, by
     * status and decision path; no metric series is per order; and every name a dashboard queries was emitted.
     */
    @Test
    void exportedTelemetryCountsEachFinishedOrderOnceAndFeedsEveryDashboardQuery() throws Exception {
        awaitStatus(place("""
                {"customer_id":"metered-customer","customer_tier":"silver",
                 "items":[{"product_id":"prod-1","quantity":2}]}"""), "completed");
        awaitStatus(place("""
                {"customer_id":"metered-customer","items":[{"product_id":"prod-1","quantity":1}],
                 "payment_method":"test_decline"}"""), "payment_failed");
        JsonNode held = place("""
                {"customer_id":"new-metered","customer_tier":"new","items":[{"product_id":"prod-2","quantity":1,"price":6000}]}""");
        awaitStatus(held, "manual_review");
        assertThat(review(held, "rejected").statusCode()).isEqualTo(202);
        awaitStatus(held, "rejected");
        JsonNode waiting = place("""
                {"customer_id":"metered-customer","items":[{"product_id":"out-of-stock-item","quantity":5}]}""");
        awaitStatus(waiting, "backordered");
        assertThat(post("/api/products/out-of-stock-item/restock", "{\"quantity\":5}")
                        .statusCode())
                .isEqualTo(200);
        awaitStatus(waiting, "completed");
        awaitStatus(place("""
                {"customer_id":"metered-customer","items":[{"product_id":"industrial-press","quantity":1}]}"""), "cancelled");
        // every test waits for its orders to finish, so the table's finished orders are all there will be now
        Map<String, Double> finished = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement("""
                select status, coalesce(decision_path, 'none'), count(*) from orders.orders
                where status in ('completed', 'rejected', 'payment_failed', 'cancelled') group by 1, 2""");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                finished.put(rows.getString(1) + "/" + rows.getString(2), (double) rows.getLong(3));
            }
        }

        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Double> exported =
                    ExportedMetrics.totals(otlp, "api-service", "orders.processed", all -> true).stream()
                            .collect(Collectors.groupingBy(
                                    point -> point.attributes().get("status") + "/"
                                            + point.attributes().get("decision_path"),
                                    Collectors.summingDouble(ExportedMetrics.Point::value)));
            assertThat(exported).isEqualTo(finished);
            assertThat(ExportedMetrics.totals(
                            otlp,
                            "payment-worker",
                            "payment.failures",
                            point -> "test_decline".equals(point.attributes().get("decline_reason"))))
                    .extracting(ExportedMetrics.Point::value)
                    .containsExactly((double)
                            count("select count(*) from payment.charges where decline_reason = 'test_decline'"));
        });

        List<ExportedMetrics.Point> points = ExportedMetrics.all(otlp);
        // exemplars instead: an outcome counted carries the trace of the order, which began at POST /api/orders
        List<String> orderTraces = ExportedSpans.all(otlp).stream()
                .filter(span -> span.isRoot() && span.name().equals("POST /api/orders"))
                .map(ExportedSpans.Span::traceId)
                .toList();
        assertThat(points)
                .filteredOn(point -> point.metric().equals("orders.processed"))
                .flatExtracting(ExportedMetrics.Point::exemplarTraceIds)
                .isNotEmpty()
                .allSatisfy(traceId -> assertThat(orderTraces).contains(traceId));
        assertThat(points)
                .extracting(ExportedMetrics.Point::metric)
                .contains("http.server.requests", "hikaricp.connections.active", "jvm.memory.used")
                .anyMatch(name -> name.startsWith("temporal_"));
        // no series per order, trace or workflow: keys never name one, and our own values never are one
        assertThat(points)
                .allSatisfy(point -> assertThat(point.attributes().keySet())
                        .noneMatch(key -> key.matches("(?i).*(order|trace|workflow|run|span)[._]?id")));
        assertThat(points)
                .filteredOn(point -> !point.metric().startsWith("temporal_"))
                .allSatisfy(point -> assertThat(point.attributes().values())
                        .noneMatch(
                                value -> value.matches(".*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-.*|.*[0-9a-f]{32}.*")));

        DashboardQueries dashboards = DashboardQueries.read(Settings.findRoot().resolve("dashboards"));
        List<ExportedSpans.Span> spans = ExportedSpans.all(otlp);
        assertThat(points).extracting(ExportedMetrics.Point::metric).containsAll(dashboards.metricNames());
        assertThat(points)
                .flatExtracting(point -> List.copyOf(point.attributes().keySet()))
                .containsAll(dashboards.metricAttributeKeys());
        assertThat(spans)
                .flatExtracting(span -> List.copyOf(span.attributes().keySet()))
                .containsAll(dashboards.spanAttributeKeys());
        assertThat(spans).extracting(ExportedSpans.Span::service).containsAll(dashboards.serviceNames());
        assertThat(dashboards.spanNamePrefixes())
                .isNotEmpty()
                .allSatisfy(prefix -> assertThat(spans)
                        .extracting(ExportedSpans.Span::name)
                        .anyMatch(name -> name.startsWith(prefix)));
    }

    /**
     * loadgen through the real suite: every path but backorders (whose waiting orders a later test's restock would
     * take), reviews decided through the API, every order reconciled. The report is what a user reads.
     */
    @Test
    void aShortLoadRunSettlesEveryOrderWhereItsPathSays(@TempDir Path reports) throws Exception {
        Path report = reports.resolve("load.json");

        int exit = new picocli.CommandLine(new dev.orders.fulfillment.loadgen.LoadGen())
                .execute(
                        "--url",
                        stack.baseUrl(),
                        "--count",
                        "24",
                        "--rps",
                        "8",
                        "--seed",
                        "2026",
                        "--mix",
                        "auto:60,review:20,decline:20",
                        "--review-after",
                        "1s",
                        "--wait-timeout",
                        "60s",
                        "--report",
                        report.toString());

        assertThat(exit).isZero();
        JsonNode summary = json.readTree(report.toFile());
        assertThat(summary.path("sent").asInt()).isEqualTo(24);
        assertThat(summary.path("accepted").asInt()).isEqualTo(24);
        assertThat(summary.path("server_errors").asInt()).isZero();
        JsonNode paths = summary.path("paths");
        assertThat(paths.fieldNames()).toIterable().containsExactlyInAnyOrder("auto", "review", "decline");
        paths.forEach(path -> assertThat(path.path("matched").asInt())
                .isEqualTo(path.path("accepted").asInt()));
    }

    @Test
    void logsAreExportedWithTheirTraceContext() throws Exception {
        HttpResponse<String> response = post("/api/orders", """
                {"customer_id":"logged-customer","items":[{"product_id":"prod-2","quantity":1}]}""");
        String traceId = traceIdOf(response);
        String orderId = json.readTree(response.body()).path("order").path("id").asText();

        await().atMost(SETTLE)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(otlp.logs().stream()
                                .filter(logs -> OtlpReceiver.serviceName(logs.getResource())
                                        .equals("api-service"))
                                .flatMap(logs -> logs.getScopeLogsList().stream())
                                .flatMap(scope -> scope.getLogRecordsList().stream())
                                .filter(record ->
                                        record.getBody().getStringValue().contains("order " + orderId + " accepted"))
                                .map(record -> OtlpReceiver.hex(record.getTraceId())))
                        .containsExactly(traceId));
    }

    @Test
    void seedHighRiskOrderWaitsForReviewAndARejectionEndsIt() throws Exception {
        JsonNode order = place("""
                {"customer_id":"new-customer","customer_tier":"new",
                 "items":[{"product_id":"prod-1","quantity":100,"price":5000}]}""");

        JsonNode held = awaitStatus(order, "manual_review");
        assertThat(held.path("risk_score").asInt()).isGreaterThan(80);

        assertThat(review(order, "rejected").statusCode()).isEqualTo(202);
        JsonNode done = awaitStatus(order, "rejected");

        assertThat(done.path("decision_path").asText()).isEqualTo("manual_rejected");
        assertThat(count("select count(*) from inventory.reservations where order_id = ?", id(order)))
                .isZero();
        assertThat(count("select count(*) from payment.charges where order_id = ?", id(order)))
                .isZero();
    }

    @Test
    void approvedReviewContinuesToFulfilment() throws Exception {
        Approved approved = approveAHeldOrder("new-reviewed");
        JsonNode order = approved.order();
        HttpResponse<String> approval = approved.approval();
        JsonNode done = approved.done();

        assertThat(done.path("decision_path").asText()).isEqualTo("manual_approved");
        assertThat(done.path("tracking_id").asText()).isNotBlank();
        // the decision again (a client retrying) is answered as the first was; another is a conflict
        assertThat(review(order, "approved").statusCode()).isEqualTo(202);
        assertThat(review(order, "rejected").statusCode()).isEqualTo(409);
        // the reviewer's request is a trace of its own, which sends the update and links to the trace of the
        // request that placed the order
        String orderTrace = placedTraceIds.get(id(order));
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ExportedSpans.Span> spans = ExportedSpans.ofTrace(otlp, traceIdOf(approval));
            assertThat(spans)
                    .extracting(span -> span.service() + " " + span.name())
                    .contains("api-service UpdateWorkflow:decide-review");
            assertThat(spans)
                    .filteredOn(ExportedSpans.Span::isRoot)
                    .singleElement()
                    .satisfies(root -> assertThat(root.linkedTraceIds()).containsExactly(orderTrace));
        });
    }

    /**
     * On a real Temporal server the update keeps its header, so the workflow's handling of a review decision is part
     * of the reviewer's trace.
     */
    @Test
    void aReviewDecisionContinuesTheReviewersTraceIntoTheWorkflow() throws Exception {
        RealParts.requireRealTemporal(stack);
        HttpResponse<String> approval = approveAHeldOrder("new-traced-reviewed").approval();

        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ExportedSpans.Span> spans = ExportedSpans.ofTrace(otlp, traceIdOf(approval));
            ExportedSpans.Span handled = named(spans, "HandleUpdate:decide-review");
            assertThat(handled.service()).isEqualTo("order-workflow-worker");
            assertThat(parentOf(spans, handled).name()).isEqualTo("UpdateWorkflow:decide-review");
        });
    }

    /**
     * What README tells an operator: in the Temporal UI, the workflows filtered by {@code OrderStatus}, then on
     * {@code order-<id>} "Send a Signal" {@code manual-review-decision} with {@code "approved"}; the API then shows
     * the order completed on the manual-approval path. Screenshots land in {@code local-stack/target/screenshots}.
     */
    @Test
    void anOperatorApprovesAHeldOrderInTheTemporalUi() throws Exception {
        RealParts.requireRealTemporal(stack);
        RealParts.requireBrowser();
        JsonNode held = place("""
                {"customer_id":"new-ui-reviewed","customer_tier":"new",
                 "items":[{"product_id":"prod-2","quantity":1,"price":6000}]}""");
        JsonNode auto = place("""
                {"customer_id":"ui-listed","customer_tier":"gold","items":[{"product_id":"prod-2","quantity":1}]}""");
        awaitStatus(held, "manual_review");
        awaitStatus(auto, "completed");
        String workflowId = "order-" + id(held);

        try (TemporalUi ui = new TemporalUi(
                stack.temporalUiUrl().orElseThrow(), Settings.findRoot().resolve("local-stack/target/screenshots"))) {
            assertThat(ui.listedWorkflowIds("OrderStatus=\"manual_review\"", workflowId))
                    .contains(workflowId)
                    .doesNotContain("order-" + id(auto));
            ui.sendSignal(workflowId, "manual-review-decision", "\"approved\"");

            JsonNode done = awaitStatus(held, "completed");
            assertThat(done.path("decision_path").asText()).isEqualTo("manual_approved");
            ui.screenshotOf(workflowId, "temporal-ui-approved.png");
        }
    }

    @Test
    void outOfStockOrderIsBackorderedAndARestockCompletesIt() throws Exception {
        JsonNode order = place("""
                {"customer_id":"test-customer","items":[{"product_id":"out-of-stock-item","quantity":1000}]}""");

        JsonNode waiting = awaitStatus(order, "backordered");
        assertThat(waiting.path("decision_path").asText()).isEqualTo("backorder");
        assertThat(count("select count(*) from inventory.backorders where order_id = ?", id(order)))
                .isEqualTo(1);

        HttpResponse<String> restock = post("/api/products/out-of-stock-item/restock", "{\"quantity\":1000}");
        assertThat(restock.statusCode()).isEqualTo(200);
        assertThat(json.readTree(restock.body()).path("signalled_orders").asInt())
                .isEqualTo(1);

        JsonNode done = awaitStatus(order, "completed");
        assertThat(done.path("decision_path").asText()).isEqualTo("backorder");
        assertThat(count("select count(*) from inventory.backorders where order_id = ?", id(order)))
                .isZero();
        // the restock is a trace of its own (api-service, then inventory-worker), which signals the waiting
        // workflow and links to the trace the order was placed and backordered in
        String orderTrace = placedTraceIds.get(id(order));
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ExportedSpans.Span> spans = ExportedSpans.ofTrace(otlp, traceIdOf(restock));
            assertThat(spans)
                    .extracting(span -> span.service() + " " + span.name())
                    .contains("inventory-worker SignalWorkflow:inventory-restocked");
            // (the OpenTracing shim also turns each Temporal span's reference to its parent into a link)
            assertThat(spans)
                    .filteredOn(span -> span.service().equals("inventory-worker")
                            && span.name().startsWith("POST "))
                    .singleElement()
                    .satisfies(server -> assertThat(server.linkedTraceIds()).containsExactly(orderTrace));
        });
    }

    @Test
    void declinedPaymentFailsTheOrderAndReleasesItsStock() throws Exception {
        int stockBefore = stock("prod-3");
        JsonNode order = place("""
                {"customer_id":"test-customer","items":[{"product_id":"prod-3","quantity":1}],
                 "payment_method":"test_decline"}""");

        JsonNode done = awaitStatus(order, "payment_failed");

        assertThat(done.path("decision_path").asText()).isEqualTo("payment_declined");
        assertThat(count("select count(*) from payment.charges where order_id = ? and status = 'declined'", id(order)))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from inventory.reservations where order_id = ? and status = 'released'",
                        id(order)))
                .isEqualTo(1);
        assertThat(stock("prod-3")).isEqualTo(stockBefore);
    }

    @Test
    void cancellingAHeldOrderCancelsItAndASecondCancelIsAnsweredAsTheFirst() throws Exception {
        JsonNode order = place("""
                {"customer_id":"new-cancelling","customer_tier":"new",
                 "items":[{"product_id":"gadget-mini","quantity":1,"price":7000}]}""");
        awaitStatus(order, "manual_review");

        assertThat(cancel(order).statusCode()).isEqualTo(202);
        JsonNode done = awaitStatus(order, "cancelled");

        assertThat(done.path("failure_reason").asText()).startsWith("cancelled");
        HttpResponse<String> again = cancel(order);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json.readTree(again.body()).path("order").path("status").asText())
                .isEqualTo("cancelled");
    }

    /** The held order made small: the workflow scores it again, and the smaller order goes through on its own. */
    @Test
    void aHeldOrderAmendedToFewerItemsIsAssessedAgainAndChargedTheNewTotal() throws Exception {
        JsonNode order = place("""
                {"customer_id":"new-amending","customer_tier":"new",
                 "items":[{"product_id":"prod-1","quantity":100,"price":5000}]}""");
        awaitStatus(order, "manual_review");

        HttpResponse<String> amended = send(HttpRequest.newBuilder(api("/api/orders/" + id(order)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"product_id\":\"prod-1\",\"quantity\":1}]}")));

        assertThat(amended.statusCode()).isEqualTo(200);
        JsonNode answered = json.readTree(amended.body()).path("order");
        assertThat(answered.path("total_amount").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(answered.path("decision_path").asText()).isEqualTo("auto_approved");
        JsonNode done = awaitStatus(order, "completed");
        assertThat(done.path("risk_score").asInt()).isLessThanOrEqualTo(80);
        assertThat(count("select count(*) from fraud.assessments where order_id = ?", id(order)))
                .isEqualTo(2);
        assertThat(count("select count(*) from payment.charges where order_id = ? and amount = 29.99", id(order)))
                .isEqualTo(1);
        assertThat(cancel(order).statusCode()).isEqualTo(409);
    }

    @Test
    void anUnshippableOrderIsRefundedReleasedAndCancelled() throws Exception {
        int stockBefore = stock("industrial-press");
        JsonNode order = place("""
                {"customer_id":"gold-customer","customer_tier":"gold",
                 "items":[{"product_id":"industrial-press","quantity":1}]}""");

        JsonNode done = awaitStatus(order, "cancelled");

        assertThat(done.path("failure_reason").asText()).startsWith("shipping failed");
        assertThat(count("select count(*) from payment.refunds where order_id = ?", id(order)))
                .isEqualTo(1);
        assertThat(count("select count(*) from shipping.shipments where order_id = ?", id(order)))
                .isZero();
        assertThat(stock("industrial-press")).isEqualTo(stockBefore);
    }

    /**
     * What Temporal is for: a worker that dies costs nothing. The launcher starts it again, and an order placed while
     * it was gone waits for it and completes.
     */
    @Test
    void aKilledWorkerIsStartedAgainAndTheOrderGoesOn() throws Exception {
        long killed = stack.pids().get(Service.SHIPPING_WORKER);
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();

        JsonNode order = place("""
                {"customer_id":"premium-survivor","customer_tier":"premium",
                 "items":[{"product_id":"prod-1","quantity":1}]}""");
        JsonNode done = awaitStatus(order, "completed");

        assertThat(done.path("tracking_id").asText()).isNotBlank();
        assertThat(stack.pids().get(Service.SHIPPING_WORKER)).isNotEqualTo(killed);
        assertThat(count("select count(*) from shipping.shipments where order_id = ?", id(order)))
                .isEqualTo(1);
    }

    /** The API's documentation page in a real browser: its content security policy lets Swagger UI run. */
    @Test
    void swaggerUiShowsEveryOperationInABrowser() throws Exception {
        WebDriver browser = Chromium.start();
        try {
            browser.get(stack.baseUrl() + "/swagger-ui.html");
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(page -> page.findElements(By.cssSelector(".opblock")).size() >= 10);
            assertThat(browser.findElements(By.cssSelector(".opblock-summary-path")))
                    .extracting(WebElement::getText)
                    .contains("/api/orders", "/api/orders/{id}/review", "/api/products/{sku}/restock");
        } finally {
            browser.quit();
        }
    }

    @Test
    void badInputIsAProblemAndWritesNothing() throws Exception {
        long before = count("select count(*) from orders.orders");

        HttpResponse<String> response = post("/api/orders", """
                {"customer_id":"x","items":[{"product_id":"no-such-sku","quantity":1}]}""");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(count("select count(*) from orders.orders")).isEqualTo(before);
    }

    private record Approved(JsonNode order, HttpResponse<String> approval, JsonNode done) {}

    /** A new customer's order over 5,000 (held for review), approved through the API until it completes. */
    private Approved approveAHeldOrder(String customerId) throws IOException, InterruptedException {
        JsonNode order = place("""
                {"customer_id":"%s","customer_tier":"new",
                 "items":[{"product_id":"prod-2","quantity":1,"price":6000}]}""".formatted(customerId));
        awaitStatus(order, "manual_review");
        HttpResponse<String> approval = review(order, "approved");
        assertThat(approval.statusCode()).isEqualTo(202);
        return new Approved(order, approval, awaitStatus(order, "completed"));
    }

    private JsonNode place(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/orders", body);
        JsonNode order = api.placed(response).path("order");
        placedTraceIds.put(id(order), traceIdOf(response));
        return order;
    }

    private static ExportedSpans.Span named(List<ExportedSpans.Span> spans, String name) {
        List<ExportedSpans.Span> matching =
                spans.stream().filter(span -> span.name().equals(name)).toList();
        assertThat(matching).as("spans named " + name).hasSize(1);
        return matching.get(0);
    }

    private static ExportedSpans.Span parentOf(List<ExportedSpans.Span> spans, ExportedSpans.Span child) {
        return spans.stream()
                .filter(span -> span.spanId().equals(child.parentSpanId()))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode awaitStatus(JsonNode order, String status) {
        return api.awaitStatus(order, status);
    }

    private HttpResponse<String> review(JsonNode order, String decision) throws IOException, InterruptedException {
        return api.review(order, decision);
    }

    private int stock(String sku) throws IOException, InterruptedException {
        return get("/api/products/" + sku).path("product").path("stock").asInt();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return api.get(path);
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return api.post(path, body);
    }

    private HttpResponse<String> cancel(JsonNode order) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api("/api/orders/" + id(order))).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return api.send(request);
    }

    private URI api(String path) {
        return api.uri(path);
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
