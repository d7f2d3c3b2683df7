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
     * Only the membership of Temporal is asserted: the in-process test server answers no health check, which
     * api-service reports as DEGRADED without leaving readiness (TemporalOutageTest has a real outage).
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
