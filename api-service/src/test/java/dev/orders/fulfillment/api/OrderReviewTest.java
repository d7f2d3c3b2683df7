package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderStatus;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

class OrderReviewTest extends ApiServiceTestBase {

    @Test
    void aDecisionIsRecordedThenDeliveredToTheWorkflow() {
        UUID id = orderAwaitingReview();

        review(id, "{\"decision\": \"approved\", \"reviewer\": \"alice\", \"note\": \"known customer,\\nfine\"}")
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.order.id")
                .isEqualTo(id.toString())
                .jsonPath("$.order.review.decision")
                .isEqualTo("approved")
                .jsonPath("$.order.review.reviewer")
                .isEqualTo("alice")
                .jsonPath("$.order.review.note")
                .isEqualTo("known customer,\nfine")
                .jsonPath("$.order.review.reviewed_at")
                .isNotEmpty();

        assertThat(row(id))
                .containsEntry("review_decision", "approved")
                .containsEntry("reviewer", "alice")
                .containsEntry("review_note", "known customer,\nfine");
        assertThat(row(id).get("reviewed_at")).isNotNull();
        assertThat(row(id).get("review_signalled_at")).isNotNull();
        await().untilAsserted(() -> assertThat(workflowOf(id).reviewDecisions()).containsExactly("approved"));
    }

    @Test
    void aRejectionNeedsNoReviewerOrNote() {
        UUID id = orderAwaitingReview();

        review(id, "{\"decision\": \"rejected\"}")
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.order.review.decision")
                .isEqualTo("rejected");

        await().untilAsserted(() -> assertThat(workflowOf(id).reviewDecisions()).containsExactly("rejected"));
    }

    @Test
    void onlyAnOrderAwaitingReviewCanBeDecided() {
        UUID processing = place(order(newCustomer(), "prod-1", 1));

        review(processing, "{\"decision\": \"approved\"}")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isNotEmpty();

        assertThat(row(processing).get("review_decision")).isNull();
    }

    @Test
    void aDecisionTheWorkflowRefusesIsA409WithItsReasonAndNotedOnTheOrder() {
        UUID id = orderAwaitingReview();
        // what the real workflow says when its review window closed before the database heard of it
        workflowOf(id).refuseUpdates("the order is already rejected");

        review(id, "{\"decision\": \"approved\", \"reviewer\": \"alice\"}")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("order " + id + ": the order is already rejected");

        assertThat(row(id).get("review_decision")).isNull();
        http.get()
                .uri("/api/orders/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.order.review")
                .doesNotExist()
                .jsonPath("$.order.history[-1].note")
                .isEqualTo("review decision approved refused: the order is already rejected")
                .jsonPath("$.order.history[-1].status")
                .isEqualTo("manual_review");
        assertThat(workflowOf(id).reviewDecisions()).isEmpty();
    }

    @Test
    void anOrderIsDecidedOnce() {
        UUID id = orderAwaitingReview();
        review(id, "{\"decision\": \"approved\", \"reviewer\": \"alice\"}")
                .expectStatus()
                .isAccepted();

        review(id, "{\"decision\": \"rejected\", \"reviewer\": \"bob\"}")
                .expectStatus()
                .isEqualTo(409);

        assertThat(row(id)).containsEntry("review_decision", "approved").containsEntry("reviewer", "alice");
    }

    /** A client retrying a decision whose answer it lost: the same decision is answered, and delivered once. */
    @Test
    void theSameDecisionAgainIsAcceptedAndChangesNothing() {
        UUID id = orderAwaitingReview();
        review(id, "{\"decision\": \"approved\", \"reviewer\": \"alice\"}")
                .expectStatus()
                .isAccepted();
        await().untilAsserted(() -> assertThat(workflowOf(id).reviewDecisions()).containsExactly("approved"));
        report(id, OrderStatus.SHIPPED, DecisionPath.MANUAL_APPROVED);

        review(id, "{\"decision\": \"approved\", \"reviewer\": \"alice\"}")
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.order.review.decision")
                .isEqualTo("approved");

        assertThat(workflowOf(id).reviewDecisions()).containsExactly("approved");
    }

    @Test
    void anInvalidReviewIsA400NamingTheField() {
        UUID id = orderAwaitingReview();

        review(id, "{\"decision\": \"maybe\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("decision");
        review(id, "{}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("decision");
        review(id, "{\"decision\": \"approved\", \"reviewer\": \"al\\u0000ice\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reviewer");
        review(id, "{\"decision\": \"approved\", \"reviewer\": \"" + "r".repeat(101) + "\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("reviewer");
        review(id, "{\"decision\": \"approved\", \"note\": \"" + "n".repeat(1001) + "\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("note");

        assertThat(row(id).get("review_decision")).isNull();
    }

    @Test
    void reviewingAnUnknownOrderIsA404() {
        review(UUID.randomUUID(), "{\"decision\": \"approved\"}").expectStatus().isNotFound();
    }

    private UUID orderAwaitingReview() {
        UUID id = place(order(newCustomer(), "prod-1", 1));
        report(id, OrderStatus.MANUAL_REVIEW, DecisionPath.MANUAL_REVIEW);
        return id;
    }

    private RestTestClient.ResponseSpec review(UUID id, String body) {
        return http.post()
                .uri("/api/orders/{id}/review", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }
}
