package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderStatus;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

class OrderCancellationTest extends ApiServiceTestBase {

    @Test
    void aCancellationIsRecordedThenDeliveredToTheWorkflow() {
        UUID id = place(order(newCustomer(), "prod-1", 1));

        http.method(HttpMethod.DELETE)
                .uri("/api/orders/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"reason\": \"changed my mind\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.order.id")
                .isEqualTo(id.toString())
                .jsonPath("$.order.cancel_requested_at")
                .isNotEmpty();

        assertThat(row(id)).containsEntry("cancel_reason", "changed my mind");
        assertThat(row(id).get("cancel_signalled_at")).isNotNull();
        await().untilAsserted(() -> assertThat(workflowOf(id).cancelReasons()).containsExactly("changed my mind"));
    }

    @Test
    void theReasonMayComeAsAParameterOrNotAtAll() {
        UUID withReason = place(order(newCustomer(), "prod-1", 1));
        UUID withoutReason = place(order(newCustomer(), "prod-1", 1));

        http.delete()
                .uri("/api/orders/{id}?reason={reason}", withReason, "found it cheaper")
                .exchange()
                .expectStatus()
                .isAccepted();
        http.delete()
                .uri("/api/orders/{id}", withoutReason)
                .exchange()
                .expectStatus()
                .isAccepted();

        assertThat(row(withReason)).containsEntry("cancel_reason", "found it cheaper");
        await().untilAsserted(
                        () -> assertThat(workflowOf(withReason).cancelReasons()).containsExactly("found it cheaper"));
        await().untilAsserted(() ->
                assertThat(workflowOf(withoutReason).cancelReasons()).hasSize(1));
    }

    @Test
    void anOrderAwaitingReviewOrStockCanBeCancelled() {
        UUID inReview = place(order(newCustomer(), "prod-1", 1));
        report(inReview, OrderStatus.MANUAL_REVIEW, DecisionPath.MANUAL_REVIEW);
        UUID backordered = place(order(newCustomer(), "prod-1", 1));
        report(backordered, OrderStatus.BACKORDERED, DecisionPath.BACKORDER);

        http.delete()
                .uri("/api/orders/{id}", inReview)
                .exchange()
                .expectStatus()
                .isAccepted();
        http.delete()
                .uri("/api/orders/{id}", backordered)
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    /** A client retrying a cancellation whose answer it lost, even once the order is cancelled: delivered once. */
    @Test
    void aRepeatedCancellationIsAcceptedAndDeliveredOnce() {
        UUID id = place(order(newCustomer(), "prod-1", 1));
        http.delete()
                .uri("/api/orders/{id}?reason=first", id)
                .exchange()
                .expectStatus()
                .isAccepted();
        await().untilAsserted(() -> assertThat(workflowOf(id).cancelReasons()).containsExactly("first"));
        report(id, OrderStatus.CANCELLED, DecisionPath.AUTO_APPROVED);

        http.delete()
                .uri("/api/orders/{id}?reason=again", id)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.order.status")
                .isEqualTo("cancelled");

        assertThat(row(id)).containsEntry("cancel_reason", "first");
        assertThat(workflowOf(id).cancelReasons()).containsExactly("first");
    }

    @Test
    void anOrderThatHasShippedOrEndedCannotBeCancelled() {
        for (OrderStatus status : List.of(OrderStatus.SHIPPED, OrderStatus.COMPLETED, OrderStatus.REJECTED)) {
            UUID id = place(order(newCustomer(), "prod-1", 1));
            report(id, status, DecisionPath.AUTO_APPROVED);

            http.delete()
                    .uri("/api/orders/{id}", id)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);

            assertThat(row(id).get("cancel_requested_at")).isNull();
        }
    }

    @Test
    void aCancellationTheWorkflowRefusesIsA409WithItsReasonAndNotedOnTheOrder() {
        UUID id = place(order(newCustomer(), "prod-1", 1));
        // the database still says processing; the workflow knows the shipment is being booked
        workflowOf(id).refuseUpdates("shipping has begun");

        http.delete()
                .uri("/api/orders/{id}", id)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("order " + id + ": shipping has begun")
                .jsonPath("$.type")
                .isEqualTo("urn:order-fulfillment:problem:order-state-conflict");

        assertThat(row(id).get("cancel_requested_at")).isNull();
        http.get()
                .uri("/api/orders/{id}", id)
                .exchange()
                .expectBody()
                .jsonPath("$.order.cancel_requested_at")
                .doesNotExist()
                .jsonPath("$.order.history[-1].note")
                .isEqualTo("cancellation refused: shipping has begun");
        assertThat(workflowOf(id).cancelReasons()).isEmpty();
    }

    @Test
    void aReasonWithControlCharactersIsA400() {
        UUID id = place(order(newCustomer(), "prod-1", 1));

        http.delete()
                .uri("/api/orders/{id}?reason={reason}", id, "bad\u0000reason")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");
        http.method(HttpMethod.DELETE)
                .uri("/api/orders/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"reason\": \"" + "r".repeat(501) + "\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");

        assertThat(row(id).get("cancel_requested_at")).isNull();
    }

    @Test
    void cancellingAnUnknownOrMalformedIdIsA404OrA400() {
        http.delete()
                .uri("/api/orders/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
        http.delete().uri("/api/orders/42").exchange().expectStatus().isBadRequest();
    }
}
