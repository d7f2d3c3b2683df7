package dev.orders.fulfillment.api;

import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.orders.fulfillment.api.fulfillment.OrderStateActivitiesImpl;
import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.RecordOrderStateInput;
import io.temporal.client.WorkflowClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The one application context of this module's tests: api-service on a random port over a real PostgreSQL, the
 * starter's in-process Temporal test server (running {@link RecordingOrderWorkflow} in place of the order
 * workflow), a real HTTP {@link InventoryStub}, and a dispatcher that runs every 100 ms; without authentication.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.temporal.test-server.enabled=true",
            // the seed's curls, as make run serves them; SecurityTest runs the API with tokens
            "orders.security.mode=open",
            "orders.dispatcher.interval=100ms",
            "orders.dispatcher.liveness-interval=100ms"
        })
@AutoConfigureRestTestClient
abstract class ApiServiceTestBase {

    static final ParameterizedTypeReference<List<String>> STRINGS = new ParameterizedTypeReference<>() {};

    static final InventoryStub inventory =
            new InventoryStub(Map.of("prod-1", 100, "prod-2", 50, "out-of-stock-item", 0)).start();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("inventory.url", inventory::url);
        registry.add("inventory.password", () -> InventoryStub.PASSWORD);
    }

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkflowClient temporal;

    @Autowired
    OrderStateActivitiesImpl orderState;

    /** Each test orders as a customer of its own, so tests never see each other's orders. */
    static String newCustomer() {
        return "customer-" + UUID.randomUUID();
    }

    static String order(String customerId, String sku, int quantity) {
        return """
                {"customer_id": "%s", "items": [{"product_id": "%s", "quantity": %d}]}""".formatted(customerId, sku, quantity);
    }

    /**
     * Places an order through the API and returns its id once its workflow has started (just after the answer), so
     * a test's {@link #report} comes after the start, as the workflow's own reports do.
     */
    UUID place(String json) {
        byte[] body = http.post()
                .uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBody();
        UUID id = UUID.fromString(read(body, "$.order.id"));
        await().until(() -> row(id).get("workflow_started_at") != null);
        return id;
    }

    static <T> T read(byte[] json, String path) {
        return JsonPath.read(new String(json, StandardCharsets.UTF_8), path);
    }

    /** What the workflow reports, as order-workflow-worker would. */
    void report(UUID orderId, OrderStatus status, DecisionPath path) {
        orderState.record(new RecordOrderStateInput(orderId, status, path, 10, null, null, null, null));
    }

    WorkflowRecording workflowOf(UUID orderId) {
        return temporal.newWorkflowStub(WorkflowRecording.class, OrderFulfillmentWorkflow.workflowId(orderId));
    }

    long orderCount() {
        return jdbc.sql("SELECT count(*) FROM orders.orders").query(Long.class).single();
    }

    Map<String, Object> row(UUID orderId) {
        return jdbc.sql("SELECT * FROM orders.orders WHERE id = :id")
                .param("id", orderId)
                .query()
                .singleRow();
    }
}
