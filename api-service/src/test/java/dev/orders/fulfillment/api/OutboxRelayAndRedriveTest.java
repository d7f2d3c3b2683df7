package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.orders.fulfillment.contracts.OrderLine;
import io.temporal.client.WorkflowNotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay and the re-drive finish what requests could not: they are driven here by rows written as those
 * requests left them.
 */
class OutboxRelayAndRedriveTest extends ApiServiceTestBase {

    @Test
    void startsAnOrderPlacedWhileTemporalWasAwayAndDeliversItsCancellation() {
        UUID id = insertOrder("pending", ago(60), null);
        jdbc.sql("UPDATE orders.orders SET cancel_requested_at = :at, cancel_reason = 'changed my mind' WHERE id = :id")
                .param("at", ago(30))
                .param("id", id)
                .update();

        await().untilAsserted(
                        () -> assertThat(row(id).get("workflow_started_at")).isNotNull());
        assertThat(row(id)).containsEntry("status", "processing");
        await().untilAsserted(() -> {
            assertThat(workflowOf(id).input().lines())
                    .containsExactly(new OrderLine("prod-1", 2, new BigDecimal("29.99"), 250));
            assertThat(workflowOf(id).cancelReasons()).containsExactly("changed my mind");
        });
        assertThat(row(id).get("cancel_signalled_at")).isNotNull();
    }

    @Test
    void reDrivesAnOrderWhoseWorkflowTemporalForgotAndRedeliversItsReview() {
        // the decision reached the run that Temporal has since lost
        UUID id = insertOrder("manual_review", ago(3600), ago(3600));
        jdbc.sql("""
                        UPDATE orders.orders SET decision_path = 'manual_review', review_decision = 'approved',
                               reviewer = 'alice', reviewed_at = :at, review_signalled_at = :at WHERE id = :id""").param("at", ago(1800)).param("id", id).update();

        await().ignoreException(WorkflowNotFoundException.class)
                .untilAsserted(
                        () -> assertThat(workflowOf(id).reviewDecisions()).containsExactly("approved"));
        assertThat(workflowOf(id).input().orderId()).isEqualTo(id);
        assertThat(row(id)).containsEntry("status", "manual_review");
        assertThat(row(id).get("liveness_checked_at")).isNotNull();
    }

    @Test
    void leavesAFinishedOrderAlone() {
        UUID id = insertOrder("completed", ago(3600), ago(3600));

        UUID unfinished = insertOrder("manual_review", ago(3600), ago(3600));
        // the round that checked the unfinished order ran after both rows existed
        await().untilAsserted(() ->
                assertThat(row(unfinished).get("liveness_checked_at")).isNotNull());

        assertThat(row(id).get("liveness_checked_at")).isNull();
        assertThatExceptionOfType(WorkflowNotFoundException.class)
                .isThrownBy(() -> temporal.newUntypedWorkflowStub("order-" + id).describe());
    }

    /**
     * An order row with one line of two prod-1, written in one statement as the API writes it in one transaction:
     * the dispatcher polls every 100 ms and must never see the order without its line.
     */
    private UUID insertOrder(String status, OffsetDateTime createdAt, OffsetDateTime workflowStartedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        WITH placed AS (
                            INSERT INTO orders.orders (id, customer_id, customer_tier, status, total_amount, workflow_id,
                                                       workflow_started_at, created_at, updated_at)
                            VALUES (:id, :customer, 'standard', :status, 59.98, :workflow, :started, :created, :created)
                            RETURNING id)
                        INSERT INTO orders.order_items (order_id, line_no, product_id, quantity, price, weight_grams)
                        SELECT id, 1, 'prod-1', 2, 29.99, 250 FROM placed""")
                .param("id", id)
                .param("customer", newCustomer())
                .param("status", status)
                .param("workflow", "order-" + id)
                .param("started", workflowStartedAt)
                .param("created", createdAt)
                .update();
        return id;
    }

    private static OffsetDateTime ago(long seconds) {
        return Instant.now().minus(seconds, ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC);
    }
}
