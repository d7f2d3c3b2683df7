package dev.orders.fulfillment.api.fulfillment;

import dev.orders.fulfillment.api.order.Order;
import dev.orders.fulfillment.api.order.OrderChanged;
import dev.orders.fulfillment.api.order.OrderItem;
import dev.orders.fulfillment.api.order.OrderRepository;
import dev.orders.fulfillment.contracts.OrderStateActivities;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.RecordOrderAmendmentInput;
import dev.orders.fulfillment.contracts.RecordOrderStateInput;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The workflow's reports of where an order is, written to the order row that this service owns. */
@Component
@ActivityImpl(taskQueues = OrderStateActivities.TASK_QUEUE)
public class OrderStateActivitiesImpl implements OrderStateActivities {

    private static final Logger log = LoggerFactory.getLogger(OrderStateActivitiesImpl.class);

    private final OrderRepository orders;
    private final ApplicationEventPublisher events;

    OrderStateActivitiesImpl(OrderRepository orders, ApplicationEventPublisher events) {
        this.orders = orders;
        this.events = events;
    }

    @Override
    @Transactional
    public void record(RecordOrderStateInput snapshot) {
        Order order = orders.lockById(snapshot.orderId())
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "order " + snapshot.orderId() + " does not exist", "OrderNotFound"));
        if (!order.accepts(snapshot)) {
            log.info(
                    "order {}: ignoring a stale {} report, the order already ended {}",
                    order.id(),
                    snapshot.status().wireName(),
                    order.status().wireName());
            return;
        }
        boolean wasFinished = order.status().isTerminal();
        boolean wasScored = order.riskScore() != null;
        Instant now = Instant.now();
        if (order.apply(snapshot, now)) {
            log.info(
                    "order {}: {} ({})",
                    order.id(),
                    order.status().wireName(),
                    order.decisionPath() == null
                            ? "no decision yet"
                            : order.decisionPath().wireName());
            events.publishEvent(change(order, now, wasFinished, wasScored));
        }
    }

    @Override
    @Transactional
    public void recordAmendment(RecordOrderAmendmentInput amendment) {
        Order order = orders.lockById(amendment.orderId())
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "order " + amendment.orderId() + " does not exist", "OrderNotFound"));
        if (order.amend(
                amendment.revision(),
                amendment.lines().stream().map(OrderItem::of).toList(),
                Instant.now())) {
            log.info(
                    "order {}: items amended (revision {}), total {}",
                    order.id(),
                    amendment.revision(),
                    order.totalAmount());
        }
    }

    private static OrderChanged change(Order order, Instant now, boolean wasFinished, boolean wasScored) {
        return new OrderChanged(
                order.status(),
                order.decisionPath(),
                order.customerTier(),
                order.riskScore(),
                order.totalAmount(),
                order.currency(),
                order.transactionId() != null,
                order.cancellation() != null,
                Duration.between(order.createdAt(), now),
                !wasScored && order.riskScore() != null,
                order.status() == OrderStatus.MANUAL_REVIEW && firstTimeIn(order, OrderStatus.MANUAL_REVIEW),
                order.status() == OrderStatus.BACKORDERED && firstTimeIn(order, OrderStatus.BACKORDERED),
                !wasFinished && order.status().isTerminal());
    }

    /** A re-driven order walks its steps again: it enters review or a backorder once, however often it is told. */
    private static boolean firstTimeIn(Order order, OrderStatus status) {
        return order.history().stream()
                        .filter(transition -> transition.isTransition() && transition.status() == status)
                        .count()
                == 1;
    }
}
