package dev.orders.fulfillment.api;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * api-service with its Temporal frontend unreachable (a port nothing listens on): readiness stays UP, its temporal
 * component saying DEGRADED, and orders are still accepted, kept in the orders table for the dispatcher to start later.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"orders.security.mode=open", "orders.dispatcher.interval=1h"})
@AutoConfigureRestTestClient
class TemporalOutageTest {

    static final InventoryStub inventory = new InventoryStub(java.util.Map.of("prod-1", 100)).start();

    @DynamicPropertySource
    static void unreachableTemporal(DynamicPropertyRegistry registry) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + closed);
        registry.add("inventory.url", inventory::url);
        registry.add("inventory.password", () -> InventoryStub.PASSWORD);
    }

    @Autowired
    RestTestClient http;

    @Test
    void readinessStaysUpAndNamesTheOutage() {
        http.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.db.status")
                .isEqualTo("UP")
                .jsonPath("$.components.temporal.status")
                .isEqualTo("DEGRADED");
    }

    @Test
    void ordersAreStillAccepted() {
        http.post()
                .uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        "{\"customer_id\": \"outage-customer\", \"items\": [{\"product_id\": \"prod-1\", \"quantity\": 1}]}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.order.status")
                .isEqualTo("pending");
    }
}
