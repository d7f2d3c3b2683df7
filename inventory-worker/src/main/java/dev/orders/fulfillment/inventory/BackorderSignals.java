package dev.orders.fulfillment.inventory;

import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Wakes the orders waiting for a restocked SKU. Best effort by design: a waiting workflow also re-checks its
 * reservation on a timer, so a lost signal only delays that order, and a restock never fails because of one.
 */
@Component
class BackorderSignals {

    private static final Logger log = LoggerFactory.getLogger(BackorderSignals.class);

    private final WorkflowClient client;

    BackorderSignals(WorkflowClient client) {
        this.client = client;
    }

    /** @return how many of the waiting orders were signalled */
    int restocked(String sku, List<UUID> waitingOrders) {
        int signalled = 0;
        for (UUID orderId : waitingOrders) {
            try {
                client.newWorkflowStub(OrderFulfillmentWorkflow.class, OrderFulfillmentWorkflow.workflowId(orderId))
                        .restocked(sku);
                signalled++;
            } catch (WorkflowNotFoundException e) {
                log.warn("order {} waits for {} but its workflow is not running: {}", orderId, sku, e.getMessage());
            } catch (WorkflowServiceException e) {
                // The client retries an unreachable frontend for a while; paying that once per order would hold
                // the request for minutes, and the timers cover every order anyway.
                log.warn("cannot signal the {} orders waiting for {} (Temporal: {}); they will re-check on their timer",
                        waitingOrders.size() - signalled, sku, e.getMessage());
                break;
            }
        }
        return signalled;
    }
}
