package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.fulfillment.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * PostgreSQL refusing every connection (the orders database closed to new ones, its sessions ended): each request
 * is a prompt 503 problem+json with Retry-After that changes nothing, and the API serves again once it is back.
 */
class DatabaseOutageTest extends ApiServiceTestBase {

    @Test
    void whileTheDatabaseIsAwayEveryRequestIsA503WithRetryAfter() throws Exception {
        UUID existing = place(order(newCustomer(), "prod-1", 1));
        long before = orderCount();

        try (Connection admin =
                TestDatabase.postgres().getDatabase("postgres", "template1").getConnection()) {
            try {
                refuseConnections(admin, true);
                long started = System.nanoTime();
                http.post()
                        .uri("/api/orders")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(order(newCustomer(), "prod-1", 1))
                        .exchange()
                        .expectStatus()
                        .isEqualTo(503)
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader()
                        .exists(HttpHeaders.RETRY_AFTER)
                        .expectBody()
                        .jsonPath("$.type")
                        .isEqualTo("urn:order-fulfillment:problem:service-unavailable");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
                http.get()
                        .uri("/api/orders/{id}", existing)
                        .exchange()
                        .expectStatus()
                        .isEqualTo(503);
                http.get().uri("/api/orders").exchange().expectStatus().isEqualTo(503);
                http.delete()
                        .uri("/api/orders/{id}", existing)
                        .exchange()
                        .expectStatus()
                        .isEqualTo(503);
            } finally {
                refuseConnections(admin, false);
            }
        }

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> http.get()
                        .uri("/api/orders/{id}", existing)
                        .exchange()
                        .expectStatus()
                        .isOk());
        assertThat(orderCount()).isEqualTo(before);
    }

    private static void refuseConnections(Connection admin, boolean refuse) throws SQLException {
        try (Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE postgres WITH ALLOW_CONNECTIONS " + !refuse);
            if (refuse) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = 'postgres' AND pid <> pg_backend_pid()");
            }
        }
    }
}
