package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderStateActivities;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.RecordOrderStateInput;
import dev.orders.fulfillment.testsupport.ActivityCalls;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The activity as the workflow calls it: through Temporal, with a real activity context. */
class OrderStateActivitiesTest extends ApiServiceTestBase {

    @RegisterExtension
    final ActivityCalls calls = new ActivityCalls();

    private OrderStateActivities activities;

    @BeforeEach
    void registerTheActivity() {
        activities = calls.stub(OrderStateActivities.class, orderState);
    }

    @Test
    void recordsTheSnapshotAndATransition() {
        UUID id = place(order(newCustomer(), "prod-1", 1));

        activities.record(new RecordOrderStateInput(
                id, OrderStatus.SHIPPED, DecisionPath.AUTO_APPROVED, 25, "txn-1", "ground", "TRK-1", null));

        assertThat(row(id))
                .containsEntry("status", "shipped")
                .containsEntry("decision_path", "auto_approved")
                .containsEntry("risk_score", 25)
                .containsEntry("transaction_id", "txn-1")
                .containsEntry("carrier", "ground")
                .containsEntry("tracking_id", "TRK-1");
        assertThat(transitions(id)).containsExactly("pending", "processing", "shipped");
    }

    @Test
    void theSameSnapshotTwiceChangesNothing() {
        UUID id = place(order(newCustomer(), "prod-1", 1));
        RecordOrderStateInput snapshot = new RecordOrderStateInput(
                id, OrderStatus.MANUAL_REVIEW, DecisionPath.MANUAL_REVIEW, 95, null, null, null, null);
        activities.record(snapshot);
        Object updatedAt = row(id).get("updated_at");

        activities.record(snapshot);

        assertThat(row(id).get("updated_at")).isEqualTo(updatedAt);
        assertThat(transitions(id)).containsExactly("pending", "processing", "manual_review");
    }

    @Test
    void aNewDecisionPathIsATransitionEvenWithTheSameStatus() {
        UUID id = place(order(newCustomer(), "prod-1", 1));

        activities.record(new RecordOrderStateInput(
                id, OrderStatus.PROCESSING, DecisionPath.AUTO_APPROVED, 5, null, null, null, null));

        assertThat(transitions(id)).containsExactly("pending", "processing", "processing");
    }

    @Test
    void aFinishedOrderIsNotMovedByAStaleReport() {
        UUID id = place(order(newCustomer(), "prod-1", 1));
        activities.record(new RecordOrderStateInput(
                id, OrderStatus.COMPLETED, DecisionPath.AUTO_APPROVED, 5, "txn-1", "ground", "TRK-1", null));

        activities.record(new RecordOrderStateInput(
                id, OrderStatus.PROCESSING, DecisionPath.AUTO_APPROVED, 5, null, null, null, null));

        assertThat(row(id)).containsEntry("status", "completed").containsEntry("tracking_id", "TRK-1");
        assertThat(transitions(id)).containsExactly("pending", "processing", "completed");
    }

    @Test
    void anUnknownOrderFailsForGood() {
        RecordOrderStateInput snapshot = new RecordOrderStateInput(
                UUID.randomUUID(), OrderStatus.PROCESSING, null, null, null, null, null, null);

        assertThatExceptionOfType(ActivityFailure.class)
                .isThrownBy(() -> activities.record(snapshot))
                .havingCause()
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo("OrderNotFound");
                    assertThat(failure.isNonRetryable()).isTrue();
                });
    }

    private List<String> transitions(UUID id) {
        return jdbc.sql("SELECT status FROM orders.order_transitions WHERE order_id = :id ORDER BY id")
                .param("id", id)
                .query(String.class)
                .list();
    }
}
