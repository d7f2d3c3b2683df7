package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it. Lists leave out {@code history}; no field is sent as null. */
record OrderView(
        UUID id,
        String customerId,
        CustomerTier customerTier,
        OrderStatus status,
        DecisionPath decisionPath,
        Integer riskScore,
        BigDecimal totalAmount,
        String currency,
        String paymentMethod,
        List<Item> items,
        String workflowId,
        String carrier,
        String trackingId,
        String transactionId,
        String failureReason,
        ReviewView review,
        Instant cancelRequestedAt,
        List<Transition> history,
        Instant createdAt,
        Instant updatedAt) {

    static OrderView of(Order order) {
        return of(order, order.history().stream().map(Transition::of).toList());
    }

    static OrderView summary(Order order) {
        return of(order, null);
    }

    private static OrderView of(Order order, List<Transition> history) {
        Review review = order.review();
        Cancellation cancellation = order.cancellation();
        return new OrderView(
                order.id(),
                order.customerId(),
                order.customerTier(),
                order.status(),
                order.decisionPath(),
                order.riskScore(),
                order.totalAmount(),
                order.currency(),
                order.paymentMethod(),
                order.items().stream().map(Item::of).toList(),
                order.workflowId(),
                order.carrier(),
                order.trackingId(),
                order.transactionId(),
                order.failureReason(),
                review == null ? null : ReviewView.of(review),
                cancellation == null ? null : cancellation.requestedAt(),
                history,
                order.createdAt(),
                order.updatedAt());
    }

    record Item(String productId, int quantity, BigDecimal price) {
        static Item of(OrderItem item) {
            return new Item(item.sku(), item.quantity(), item.price());
        }
    }

    record ReviewView(ReviewDecision decision, String reviewer, String note, Instant reviewedAt) {
        static ReviewView of(Review review) {
            return new ReviewView(review.decision(), review.reviewer(), review.note(), review.reviewedAt());
        }
    }

    record Transition(OrderStatus status, DecisionPath decisionPath, String failureReason, String note, Instant at) {
        static Transition of(OrderTransition transition) {
            return new Transition(
                    transition.status(),
                    transition.decisionPath(),
                    transition.failureReason(),
                    transition.note(),
                    transition.recordedAt());
        }
    }
}
