package dev.orders.fulfillment.contracts;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface InventoryActivities {

    String TASK_QUEUE = "inventory-queue";

    /**
     * The most one restock adds: inventory-worker's stock API refuses more, and api-service's restock endpoint
     * (which signals the orders waiting for it) declares and checks the same bound.
     */
    int MAX_RESTOCK_QUANTITY = 1_000_000;

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
