package dev.orders.fulfillment.contracts;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface InventoryActivities {

    String TASK_QUEUE = "inventory-queue";

    /**
     * Reserves every line or none. Idempotent per order and SKU. When stock is short the result lists the
     * shortages and the order is registered as waiting for those SKUs, so a restock can signal it.
     */
    @ActivityMethod(name = "ReserveInventory")
    ReserveInventoryResult reserve(ReserveInventoryInput input);

    /** Compensation: puts the order's reserved stock back. Idempotent; a no-op when nothing is reserved. */
    @ActivityMethod(name = "ReleaseInventory")
    void release(ReleaseInventoryInput input);
}
