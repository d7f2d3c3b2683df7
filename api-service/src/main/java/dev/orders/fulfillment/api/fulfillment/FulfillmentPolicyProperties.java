package dev.orders.fulfillment.api.fulfillment;

import dev.orders.fulfillment.contracts.FulfillmentPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orders.policy.*}: the waits every new order carries in its workflow input. Refused at start-up when an
 * order could not keep to them: a wait that is not positive, a recheck longer than the backorder window it divides,
 * or a history budget too small for one round of the backorder wait (a timer, a reservation attempt and their
 * workflow tasks: about a dozen events) on top of what the order did before it.
 */
@ConfigurationProperties("orders.policy")
record FulfillmentPolicyProperties(
        Duration reviewWindow, Duration backorderWindow, Duration restockRecheck, int historyEventBudget) {

    /** The fewest events a run may hold before it continues as new: the steps before the wait, then some rounds. */
    static final int SMALLEST_HISTORY_BUDGET = 200;
    /** Temporal's default hard limit: a run past it is terminated. */
    static final int TEMPORAL_HISTORY_LIMIT = 51_200;

    FulfillmentPolicyProperties {
        for (Duration wait : new Duration[] {reviewWindow, backorderWindow, restockRecheck}) {
            if (wait == null || wait.isNegative() || wait.isZero()) {
                throw new IllegalArgumentException("orders.policy: review-window, backorder-window and restock-recheck "
                        + "must be positive, got " + reviewWindow + ", " + backorderWindow + ", " + restockRecheck);
            }
        }
        if (restockRecheck.compareTo(backorderWindow) > 0) {
            throw new IllegalArgumentException("orders.policy.restock-recheck (" + restockRecheck
                    + ") must not be longer than orders.policy.backorder-window (" + backorderWindow + ")");
        }
        if (historyEventBudget < SMALLEST_HISTORY_BUDGET || historyEventBudget > TEMPORAL_HISTORY_LIMIT / 2) {
            throw new IllegalArgumentException("orders.policy.history-event-budget must be between "
                    + SMALLEST_HISTORY_BUDGET + " and " + TEMPORAL_HISTORY_LIMIT / 2 + ", got " + historyEventBudget);
        }
    }

    FulfillmentPolicy toPolicy() {
        return new FulfillmentPolicy(reviewWindow, backorderWindow, restockRecheck, historyEventBudget);
    }
}
