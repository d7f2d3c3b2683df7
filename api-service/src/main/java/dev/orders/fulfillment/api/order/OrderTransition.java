package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One step of an order's audit trail, appended by {@link Order} whenever its status or decision path changes, or
 * with a note when something happened to the order that changed neither (a refused request).
 */
@Entity
@Table(name = "order_transitions", schema = "orders")
public class OrderTransition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private OrderStatus status;
    private DecisionPath decisionPath;
    private String failureReason;
    private String note;
    private Instant recordedAt;

    protected OrderTransition() {}

    OrderTransition(
            OrderStatus status, DecisionPath decisionPath, String failureReason, String note, Instant recordedAt) {
        this.status = status;
        this.decisionPath = decisionPath;
        this.failureReason = failureReason;
        this.note = note;
        this.recordedAt = recordedAt;
    }

    public OrderStatus status() {
        return status;
    }

    DecisionPath decisionPath() {
        return decisionPath;
    }

    String failureReason() {
        return failureReason;
    }

    /** A change of status or decision path, not a note. */
    public boolean isTransition() {
        return note == null;
    }

    String note() {
        return note;
    }

    Instant recordedAt() {
        return recordedAt;
    }
}
