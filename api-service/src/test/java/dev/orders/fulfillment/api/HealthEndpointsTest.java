package dev.orders.fulfillment.api;

import org.junit.jupiter.api.Test;

class HealthEndpointsTest extends ApiServiceTestBase {

    @Test
    void apiHealthAnswersOk() {
        http.get()
                .uri("/api/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"status\":\"ok\"}");
    }

    @Test
    void livenessIsUp() {
        http.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    /**
     * Readiness holds Temporal's frontend check (the in-process test server answers it as a real frontend does);
     * what an outage does to it is TemporalOutageTest's.
     */
    @Test
    void readinessChecksTheDatabaseAndTemporal() {
        http.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectBody()
                .jsonPath("$.components.db.status")
                .isEqualTo("UP")
                .jsonPath("$.components.temporal")
                .exists();
    }
}
