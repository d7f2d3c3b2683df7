package dev.orders.fulfillment.api;

import dev.orders.fulfillment.contracts.OrderStateActivities;
import dev.orders.fulfillment.contracts.RecordOrderStateInput;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The workflow's reports of where an order is, written to the order row that this service owns. */
@Component
@ActivityImpl(taskQueues = OrderStateActivities.TASK_QUEUE)
class OrderStateActivitiesImpl implements OrderStateActivities {

    private static final Logger log = LoggerFactory.getLogger(OrderStateActivitiesImpl.class);

    private final OrderRepository orders;

    OrderStateActivitiesImpl(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    @Transactional
    public void record(RecordOrderStateInput snapshot) {
        Order order = orders.lockById(snapshot.orderId()).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "order " + snapshot.orderId() + " does not exist", "OrderNotFound"));
        if (!order.accepts(snapshot)) {
            log.info("order {}: ignoring a stale {} report, the order already ended {}", order.id(),
                    snapshot.status().wireName(), order.status().wireName());
            return;
        }
        if (order.apply(snapshot, Instant.now())) {
            log.info("order {}: {} ({})", order.id(), order.status().wireName(),
                    order.decisionPath() == null ? "no decision yet" : order.decisionPath().wireName());
        }
    }
}
