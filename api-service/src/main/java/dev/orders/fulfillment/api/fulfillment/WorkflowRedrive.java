package dev.orders.fulfillment.api.fulfillment;

import dev.orders.fulfillment.api.order.Order;
import dev.orders.fulfillment.api.order.OrderRepository;
import dev.orders.fulfillment.contracts.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts a fresh run for an unfinished order whose workflow Temporal no longer knows: disaster recovery on a real
 * Temporal server (its database lost while PostgreSQL kept the orders), routine on the in-memory test server (every
 * restart). Re-walking an order is safe: every activity is idempotent.
 */
@Component
@ConditionalOnBooleanProperty(name = "orders.dispatcher.enabled", matchIfMissing = true)
class WorkflowRedrive {

    private static final Logger log = LoggerFactory.getLogger(WorkflowRedrive.class);
    private static final List<String> TERMINAL = OrderBatches.wireNames(OrderStatus::isTerminal);

    private final OrderRepository orders;
    private final OrderWorkflowClient workflows;
    private final OrderBatches batches;
    private final DispatcherProperties settings;

    WorkflowRedrive(
            OrderRepository orders,
            OrderWorkflowClient workflows,
            OrderBatches batches,
            DispatcherProperties settings) {
        this.orders = orders;
        this.workflows = workflows;
        this.batches = batches;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${orders.dispatcher.liveness-interval}")
    void redriveForgotten() {
        batches.round(() -> batches.workThrough(
                () -> orders.lockQuiet(TERMINAL, Instant.now().minus(settings.quiet()), settings.batchSize()),
                this::redriveIfForgotten));
    }

    private OrderWorkflowClient.Outcome redriveIfForgotten(Order order) {
        OrderWorkflowClient.Outcome described = workflows.describe(order);
        if (described.kind() != OrderWorkflowClient.Kind.FAILED) {
            order.livenessChecked(Instant.now());
        }
        if (described.kind() != OrderWorkflowClient.Kind.NOT_FOUND) {
            return described;
        }
        log.info("re-driving order {}: Temporal no longer knows workflow {}", order.id(), order.workflowId());
        return workflows.start(order);
    }
}
