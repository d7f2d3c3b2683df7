package dev.orders.fulfillment.api.fulfillment;

import dev.orders.fulfillment.api.order.OrderRepository;
import dev.orders.fulfillment.contracts.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The orders table is the outbox: whatever a request recorded but could not tell Temporal (a workflow not started,
 * a review decision or cancellation not delivered) is sent from the rows here, to the workflow run that exists now,
 * once Temporal answers. Sending again is safe: starts are by workflow id, signals and updates idempotent.
 */
@Component
@ConditionalOnBooleanProperty(name = "orders.dispatcher.enabled", matchIfMissing = true)
class OutboxRelay {

    private static final List<String> CANCELLABLE = OrderBatches.wireNames(OrderStatus::isCancellable);

    private final OrderRepository orders;
    private final OrderWorkflowClient workflows;
    private final OrderBatches batches;
    private final DispatcherProperties settings;

    OutboxRelay(
            OrderRepository orders,
            OrderWorkflowClient workflows,
            OrderBatches batches,
            DispatcherProperties settings) {
        this.orders = orders;
        this.workflows = workflows;
        this.batches = batches;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${orders.dispatcher.interval}")
    void relay() {
        int batch = settings.batchSize();
        batches.round(() -> {
            batches.workThrough(
                    () -> orders.lockUnstarted(Instant.now().minus(settings.startGrace()), batch), workflows::start);
            batches.workThrough(
                    () -> orders.lockUndeliveredReviews(Instant.now().minus(settings.signalGrace()), batch),
                    workflows::deliverReview);
            batches.workThrough(
                    () -> orders.lockUndeliveredCancellations(
                            CANCELLABLE, Instant.now().minus(settings.signalGrace()), batch),
                    workflows::deliverCancellation);
        });
    }
}
