package dev.orders.fulfillment.inventory;

import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import dev.orders.fulfillment.support.OrderTraces;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.util.List;
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

    /**
     * Signals each waiting order from the current request's trace, which links to the trace each order was
     * backordered in.
     *
     * @return how many of the waiting orders were signalled
     */
    int restocked(String sku, List<StockLedger.WaitingOrder> waitingOrders) {
        int signalled = 0;
        for (StockLedger.WaitingOrder order : waitingOrders) {
            try {
                OrderTraces.within(
                        order.traceParent(),
                        () -> client.newWorkflowStub(
                                        OrderFulfillmentWorkflow.class,
                                        OrderFulfillmentWorkflow.workflowId(order.orderId()))
                                .restocked(sku));
                signalled++;
            } catch (WorkflowNotFoundException e) {
                log.warn(
                        "order {} waits for {} but its workflow is not running: {}",
                        order.orderId(),
                        sku,
                        e.getMessage());
            } catch (WorkflowServiceException e) {
                // The client retries an unreachable frontend for a while; paying that once per order would hold
                // the request for minutes, and the timers cover every order anyway.
                log.warn(
                        "cannot signal the {} orders waiting for {} (Temporal: {}); they will re-check on their timer",
                        waitingOrders.size() - signalled,
                        sku,
                        e.getMessage());
                break;
            }
        }
        return signalled;
    }
}
