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
 * <p>Three kinds of step, three policies:
 * <ul>
 *   <li>steps that must eventually happen (fraud, reservation, recording state, compensations) retry without
 *       limit: a worker that is down or broken holds the order, visibly, until it is back; nothing is lost;</li>
 *   <li>steps with a business way out when they fail for good (payment → {@code payment_error}, shipping →
 *       refund and cancel) stop after a few attempts;</li>
 *   <li>notifications stop after a few attempts and are then given up: a lost e-mail does not undo an order.</li>
 * </ul>
 * Business outcomes (a decline, a shortage) are results, so they are never retried. Worker activities may
 * simulate latency; they heartbeat while they wait, hence the heartbeat timeout.
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

    static final ActivityOptions FRAUD = workerActivity(FraudActivities.TASK_QUEUE, RETRY_UNTIL_DONE);
    // a cancelled workflow waits for these to finish: their undoing (release, refund) must come after them
    static final ActivityOptions INVENTORY = undoneLater(workerActivity(InventoryActivities.TASK_QUEUE, RETRY_UNTIL_DONE));
    static final ActivityOptions PAYMENT = undoneLater(workerActivity(PaymentActivities.TASK_QUEUE, RETRY_A_FEW_TIMES));
    static final ActivityOptions SHIPPING = workerActivity(ShippingActivities.TASK_QUEUE, RETRY_A_FEW_TIMES);
    static final ActivityOptions NOTIFICATION = workerActivity(NotificationActivities.TASK_QUEUE, RETRY_A_FEW_TIMES);
    static final ActivityOptions PAYMENT_COMPENSATION = workerActivity(PaymentActivities.TASK_QUEUE, RETRY_UNTIL_DONE);

    static final ActivityOptions ORDER_STATE = ActivityOptions.newBuilder()
            .setTaskQueue(OrderStateActivities.TASK_QUEUE)
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(RETRY_UNTIL_DONE)
            .build();

    private FulfillmentActivityOptions() {
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
