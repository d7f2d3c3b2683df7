package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.fulfillment.contracts.CustomerHistory;
import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.FulfillmentPolicy;
import dev.orders.fulfillment.contracts.OrderFulfillmentInput;
import dev.orders.fulfillment.contracts.OrderLine;
import dev.orders.fulfillment.contracts.OrderStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class OrderPlacementTest extends ApiServiceTestBase {

    @Test
    void placingAnOrderStoresItAndThenStartsItsWorkflow() {
        String customer = newCustomer();
        String json = """
                {"customer_id": "%s", "customer_tier": "gold", "payment_method": "card",
                 "items": [{"product_id": "prod-1", "quantity": 2, "price": 25.5},
                           {"product_id": "prod-3", "quantity": 1}]}""".formatted(customer);

        byte[] body = http.post()
                .uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueMatches("Location", "/api/orders/[0-9a-f-]{36}")
                .expectBody()
                .jsonPath("$.order.customer_id")
                .isEqualTo(customer)
                .jsonPath("$.order.customer_tier")
                .isEqualTo("gold")
                .jsonPath("$.order.status")
                .isEqualTo("pending")
                .jsonPath("$.order.total_amount")
                .isEqualTo(150.99)
                .jsonPath("$.order.currency")
                .isEqualTo("USD")
                .jsonPath("$.order.payment_method")
                .isEqualTo("card")
                .jsonPath("$.order.items[0].product_id")
                .isEqualTo("prod-1")
                .jsonPath("$.order.items[0].price")
                .isEqualTo(25.5)
                .jsonPath("$.order.items[1].price")
                .isEqualTo(99.99)
                .jsonPath("$.order.review")
                .doesNotExist()
                .jsonPath("$.order.history[*].status")
                .isEqualTo(List.of("pending"))
                .returnResult()
                .getResponseBody();
        UUID id = UUID.fromString(read(body, "$.order.id"));
        String workflowId = read(body, "$.workflow_id");
        assertThat(workflowId).isEqualTo("order-" + id);

        await().untilAsserted(() -> http.get()
                .uri("/api/orders/{id}", id)
                .exchange()
                .expectBody()
                .jsonPath("$.order.status")
                .isEqualTo("processing")
                .jsonPath("$.order.history[*].status")
                .isEqualTo(List.of("pending", "processing")));
        assertThat(row(id)).containsEntry("workflow_id", "order-" + id);
        // started by the request's own hand-off: the dispatcher leaves an order alone for its first second
        assertThat(Duration.between(instant(row(id).get("created_at")), instant(row(id).get("workflow_started_at"))))
                .isLessThan(Duration.ofSeconds(1));
        assertThat(jdbc.sql("SELECT line_no, product_id, quantity, price, weight_grams FROM orders.order_items "
                                + "WHERE order_id = :id ORDER BY line_no")
                        .param("id", id)
                        .query()
                        .listOfRows())
                .extracting(item -> List.of(
                        item.get("line_no"),
                        item.get("product_id"),
                        item.get("quantity"),
                        item.get("price"),
                        item.get("weight_grams")))
                .containsExactly(
                        List.of(1, "prod-1", 2, new BigDecimal("25.50"), 250),
                        List.of(2, "prod-3", 1, new BigDecimal("99.99"), 1200));

        assertThat(temporal.newUntypedWorkflowStub("order-" + id).describe().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        await().untilAsserted(() -> assertThat(workflowOf(id).input())
                .isEqualTo(new OrderFulfillmentInput(
                        id,
                        customer,
                        CustomerTier.GOLD,
                        new BigDecimal("150.99"),
                        "USD",
                        "card",
                        List.of(
                                new OrderLine("prod-1", 2, new BigDecimal("25.50"), 250),
                                new OrderLine("prod-3", 1, new BigDecimal("99.99"), 1200)),
                        CustomerHistory.none(),
                        FulfillmentPolicy.defaults())));
    }

    @Test
    void anItemWithoutAPriceTakesTheCatalogPriceAndTheTierDefaultsToStandard() {
        UUID id = place(order(newCustomer(), "prod-2", 3));

        http.get()
                .uri("/api/orders/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.order.customer_tier")
                .isEqualTo("standard")
                .jsonPath("$.order.items[0].price")
                .isEqualTo(49.99)
                .jsonPath("$.order.total_amount")
                .isEqualTo(149.97)
                .jsonPath("$.order.payment_method")
                .doesNotExist();
    }

    @Test
    void theWorkflowInputCarriesTheCustomersEarlierOrders() {
        String customer = newCustomer();
        UUID completed = place(order(customer, "prod-1", 1));
        UUID declined = place(order(customer, "prod-1", 1));
        place(order(customer, "prod-1", 1));
        report(completed, OrderStatus.COMPLETED, DecisionPath.AUTO_APPROVED);
        report(declined, OrderStatus.PAYMENT_FAILED, DecisionPath.PAYMENT_DECLINED);

        UUID id = place(order(customer, "prod-1", 1));

        await().untilAsserted(() ->
                assertThat(workflowOf(id).input().customerHistory()).isEqualTo(new CustomerHistory(1, 1, 0, 3)));
    }

    @Test
    void anOrderIsReadWithItsHistory() {
        UUID id = place(order(newCustomer(), "prod-1", 1));
        report(id, OrderStatus.MANUAL_REVIEW, DecisionPath.MANUAL_REVIEW);

        http.get()
                .uri("/api/orders/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.order.id")
                .isEqualTo(id.toString())
                .jsonPath("$.order.status")
                .isEqualTo("manual_review")
                .jsonPath("$.order.decision_path")
                .isEqualTo("manual_review")
                .jsonPath("$.order.risk_score")
                .isEqualTo(10)
                .jsonPath("$.order.history[*].status")
                .isEqualTo(List.of("pending", "processing", "manual_review"))
                .jsonPath("$.order.history[2].decision_path")
                .isEqualTo("manual_review")
                .jsonPath("$.order.history[2].at")
                .isNotEmpty()
                .jsonPath("$.order.created_at")
                .isNotEmpty()
                .jsonPath("$.order.updated_at")
                .isNotEmpty();
    }

    @Test
    void anUnknownOrderIsA404AndAMalformedIdA400() {
        http.get()
                .uri("/api/orders/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get()
                .uri("/api/orders/not-a-uuid")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("id")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be a UUID");
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }
}
