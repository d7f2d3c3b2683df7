package dev.orders.fulfillment.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.contracts.InventoryActivities;
import dev.orders.fulfillment.contracts.OrderFulfillmentInput;
import dev.orders.fulfillment.contracts.OrderFulfillmentResult;
import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import dev.orders.fulfillment.contracts.OrderLine;
import dev.orders.fulfillment.contracts.OrderStep;
import dev.orders.fulfillment.contracts.ReserveInventoryInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The HTTP API api-service calls, over a real socket. */
class StockControllerTest extends InventoryWorkerTestContext {

    @LocalServerPort
    int port;

    @Autowired
    InventoryActivities inventory;

    @Autowired
    WorkflowClient workflowClient;

    private RestTestClient http;

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("api-service", API_PASSWORD))
                .build();
    }

    @Test
    void onlyApiServiceMayCallTheStockApi() {
        RestTestClient anyone = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .build();
        anyone.get().uri("/stock").exchange().expectStatus().isUnauthorized();
        anyone.post()
                .uri("/stock/prod-1/restock")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"quantity\": 1}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        anyone.get()
                .uri("/stock")
                .headers(headers -> headers.setBasicAuth("api-service", "guessed"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        anyone.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void listsTheSeededCatalogInSkuOrder() {
        http.get()
                .uri("/stock")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.stock[*].sku")
                .value(
                        new ParameterizedTypeReference<List<String>>() {},
                        skus -> assertThat(skus)
                                .isSorted()
                                .contains("prod-1", "prod-2", "prod-3", "limited-edition-print"))
                .jsonPath("$.stock[?(@.sku == 'out-of-stock-item')].available")
                .isEqualTo(List.of(0))
                .jsonPath("$.stock[?(@.sku == 'industrial-press')].available")
                .isEqualTo(List.of(50));
    }

    @Test
    void showsOneSku() {
        String sku = newSku(7);

        http.get()
                .uri("/stock/{sku}", sku)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"sku\":\"" + sku + "\",\"available\":7}");
    }

    @Test
    void anUnknownSkuIsAProblem() {
        http.get()
                .uri("/stock/{sku}", "no-such-sku")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("no-such-sku"));
    }

    @Test
    void restockAddsStock() {
        String sku = newSku(3);

        restock(sku, "{\"quantity\":5}")
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"sku\":\"" + sku + "\",\"available\":8,\"signalled_orders\":0}");

        assertThat(available(sku)).isEqualTo(8);
    }

    /** A retry after a timeout whose first attempt went through: the same id adds nothing and answers the same. */
    @Test
    void aRestockSentAgainWithItsIdAddsNothing() {
        String sku = newSku(3);
        String body = "{\"quantity\":5,\"restock_id\":\"restock-" + sku + "\"}";

        restock(sku, body).expectStatus().isOk().expectBody().json("{\"available\":8,\"replayed\":false}");
        restock(sku, "{\"quantity\":2}").expectStatus().isOk();
        restock(sku, body)
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"sku\":\"" + sku + "\",\"available\":8,\"replayed\":true}");

        assertThat(available(sku)).isEqualTo(10);
    }

    @Test
    void restocksSentAtOnceWithOneIdAddOnce() throws Exception {
        String sku = newSku(0);
        String body = "{\"quantity\":7,\"restock_id\":\"burst-" + sku + "\"}";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(pool.submit(() -> restock(sku, body).expectStatus().isOk()));
            }
            for (java.util.concurrent.Future<?> each : sent) {
                each.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(available(sku)).isEqualTo(7);
    }

    @Test
    void anIdReusedForAnotherRestockIsRefusedAndChangesNothing() {
        String sku = newSku(3);
        restock(sku, "{\"quantity\":5,\"restock_id\":\"once-" + sku + "\"}")
                .expectStatus()
                .isOk();

        restock(sku, "{\"quantity\":6,\"restock_id\":\"once-" + sku + "\"}")
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> assertThat(detail).contains("once-" + sku).contains("by 5"));

        assertThat(available(sku)).isEqualTo(8);
    }

    @Test
    void restockRejectsQuantitiesOutOfRange() {
        String sku = newSku(3);

        for (String body : List.of("{\"quantity\":0}", "{\"quantity\":-4}", "{\"quantity\":1000001}", "{}")) {
            restock(sku, body)
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(400)
                    .jsonPath("$.detail")
                    .value(String.class, detail -> assertThat(detail).contains("quantity"));
        }
        assertThat(available(sku)).isEqualTo(3);
    }

    @Test
    void restockRejectsABodyThatIsNotJson() {
        restock(newSku(3), "quantity=5")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void restockBeyondTheCeilingIsAConflictAndChangesNothing() {
        String sku = newSku(StockLedger.MAX_AVAILABLE - 10);

        restock(sku, "{\"quantity\":11}")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(available(sku)).isEqualTo(StockLedger.MAX_AVAILABLE - 10);
    }

    @Test
    void restockOfAnUnknownSkuIsNotFound() {
        restock("no-such-sku", "{\"quantity\":5}")
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void restockSignalsTheOrdersWaitingForTheSku() throws Exception {
        String sku = newSku(0);
        UUID orderId = UUID.randomUUID();
        assertThat(inventory
                        .reserve(new ReserveInventoryInput(orderId, List.of(line(sku, 2))))
                        .reserved())
                .isFalse();
        OrderFulfillmentWorkflow order = workflowClient.newWorkflowStub(
                OrderFulfillmentWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(OrderFulfillmentWorkflow.TASK_QUEUE)
                        .setWorkflowId(OrderFulfillmentWorkflow.workflowId(orderId))
                        .build());
        WorkflowClient.start(
                order::fulfil,
                new OrderFulfillmentInput(
                        orderId, "test-customer", null, null, "USD", null, List.of(line(sku, 2)), null, null));
        assertThat(order.progress().step()).isEqualTo(OrderStep.AWAITING_RESTOCK);

        restock(sku, "{\"quantity\":2}")
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"sku\":\"" + sku + "\",\"available\":2,\"signalled_orders\":1}");

        OrderFulfillmentResult result =
                WorkflowStub.fromTyped(order).getResult(30, TimeUnit.SECONDS, OrderFulfillmentResult.class);
        assertThat(result.message()).isEqualTo(sku);
    }

    @Test
    void restockSucceedsWhenAWaitingOrderHasNoWorkflow() {
        String sku = newSku(0);
        UUID orphan = UUID.randomUUID();
        inventory.reserve(new ReserveInventoryInput(orphan, List.of(line(sku, 1))));

        restock(sku, "{\"quantity\":1}")
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"sku\":\"" + sku + "\",\"available\":1,\"signalled_orders\":0}");
    }

    private RestTestClient.ResponseSpec restock(String sku, String body) {
        return http.post()
                .uri("/stock/{sku}/restock", sku)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    private static OrderLine line(String sku, int quantity) {
        return new OrderLine(sku, quantity, new BigDecimal("9.99"), 100);
    }
}
