package dev.orders.fulfillment.contracts;

import java.time.Duration;

/**
 * The waits an order may go through, fixed when the order is accepted and carried in the workflow input,
 * so they are part of the workflow's history (deterministic on replay, and a config change never alters
 * orders already in flight).
 *
 * @param reviewWindow how long a held order waits for a manual decision before it is rejected
 * @param backorderWindow how long a backordered order waits for stock before it is cancelled
 * @param restockRecheck how often a backordered order retries its reservation even without a restock signal
 * @param historyEventBudget a backordered order's run continues as new once its history has this many events, or
 *                           sooner when the server suggests it; 0 (orders accepted before it existed) leaves it to the
 *                           server's suggestion alone
 */
public record FulfillmentPolicy(
        Duration reviewWindow, Duration backorderWindow, Duration restockRecheck, int historyEventBudget) {

    public FulfillmentPolicy(Duration reviewWindow, Duration backorderWindow, Duration restockRecheck) {
        this(reviewWindow, backorderWindow, restockRecheck, 0);
    }

    public static FulfillmentPolicy defaults() {
        return new FulfillmentPolicy(Duration.ofHours(24), Duration.ofDays(7), Duration.ofMinutes(5), 2_000);
    }
}
