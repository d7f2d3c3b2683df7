package dev.orders.fulfillment.workflow;

import dev.orders.fulfillment.contracts.FraudActivities;
import dev.orders.fulfillment.contracts.InventoryActivities;
import dev.orders.fulfillment.contracts.NotificationActivities;
import dev.orders.fulfillment.contracts.OrderStateActivities;
import dev.orders.fulfillment.contracts.PaymentActivities;
import dev.orders.fulfillment.contracts.ShippingActivities;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retry policies of every activity the order workflow calls; the caller owns them.
 *
 * <p>Every forward step is bounded by a schedule-to-close timeout and has a business way out when it fails for good:
 * fraud → held for manual review, reservation → cancelled (what it held released), payment → {@code payment_error},
 * shipping → refunded and cancelled, a notification → given up (a lost e-mail does not undo an order). Within the
 * bound a worker that is down or restarting costs only time. Two kinds of step retry until they succeed, because
 * the order cannot end right without them: the state written to api-service's orders table, and compensations
 * (refund, release). A permanent error is a non-retryable failure in every worker (an invalid charge, lines that
 * cannot be reserved, a shipment no carrier takes), so none is retried, bounded or not. Business outcomes (a
 * decline, a shortage) are results, so they are never retried at all.
 *
 * <p>Worker activities heartbeat while they run (service-support's {@code ActivityHeartbeats}), so a worker that
 * dies mid-call is noticed within the heartbeat timeout rather than the start-to-close one.
 *
 * <p>No workflow execution timeout is set, on purpose: one ends the run without compensation and leaves its order
 * unfinished in the table. The workflow bounds its own life instead: the review and backorder windows, plus these
 * bounds per step (continue-as-new keeps a long wait's history small, not its duration).
 */
final class FulfillmentActivityOptions {

    private static final RetryOptions RETRY_UNTIL_DONE = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofMinutes(1))
            .build();

    private static final RetryOptions RETRY_A_FEW_TIMES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofSeconds(10))
            .setMaximumAttempts(5)
            .build();

    /** How long a forward step may take, retries included, before the order takes its way out. */
    private static final Duration ASSESSMENT_BOUND = Duration.ofMinutes(30);

    private static final Duration CALL_BOUND = Duration.ofMinutes(5);

    static final ActivityOptions FRAUD =
            bounded(workerActivity(FraudActivities.TASK_QUEUE, RETRY_UNTIL_DONE), ASSESSMENT_BOUND);
    // a cancelled workflow waits for these to finish: their undoing (release, refund) must come after them
    static final ActivityOptions INVENTORY =
            undoneLater(bounded(workerActivity(InventoryActivities.TASK_QUEUE, RETRY_UNTIL_DONE), ASSESSMENT_BOUND));
    static final ActivityOptions PAYMENT =
            undoneLater(bounded(workerActivity(PaymentActivities.TASK_QUEUE, RETRY_A_FEW_TIMES), CALL_BOUND));
    static final ActivityOptions SHIPPING =
            bounded(workerActivity(ShippingActivities.TASK_QUEUE, RETRY_A_FEW_TIMES), CALL_BOUND);
    static final ActivityOptions NOTIFICATION =
            bounded(workerActivity(NotificationActivities.TASK_QUEUE, RETRY_A_FEW_TIMES), CALL_BOUND);
    static final ActivityOptions INVENTORY_COMPENSATION =
            workerActivity(InventoryActivities.TASK_QUEUE, RETRY_UNTIL_DONE);
    static final ActivityOptions PAYMENT_COMPENSATION = workerActivity(PaymentActivities.TASK_QUEUE, RETRY_UNTIL_DONE);

    static final ActivityOptions ORDER_STATE = ActivityOptions.newBuilder()
            .setTaskQueue(OrderStateActivities.TASK_QUEUE)
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(RETRY_UNTIL_DONE)
            .build();

    private FulfillmentActivityOptions() {}

    private static ActivityOptions bounded(ActivityOptions options, Duration bound) {
        return ActivityOptions.newBuilder(options)
                .setScheduleToCloseTimeout(bound)
                .build();
    }

    private static ActivityOptions undoneLater(ActivityOptions options) {
        return ActivityOptions.newBuilder(options)
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .build();
    }

    private static ActivityOptions workerActivity(String taskQueue, RetryOptions retry) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(retry)
                .build();
    }
}
