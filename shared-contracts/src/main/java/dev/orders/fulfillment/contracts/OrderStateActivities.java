package dev.orders.fulfillment.contracts;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Served by api-service, which owns the orders table: the workflow reports every transition here so the
 * table (and {@code GET /api/orders/{id}}) always shows where the order is.
 */
@ActivityInterface
public interface OrderStateActivities {

    String TASK_QUEUE = "order-state-queue";

    /** Writes the snapshot; writing the same snapshot twice changes nothing. */
    @ActivityMethod(name = "RecordOrderState")
    void record(RecordOrderStateInput input);

    /** Replaces the order's items (and its pending review decision, which was for the old ones); idempotent. */
    @ActivityMethod(name = "RecordOrderAmendment")
    void recordAmendment(RecordOrderAmendmentInput input);
}
