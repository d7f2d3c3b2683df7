package dev.orders.fulfillment.contracts;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;

/**
 * The order workflow. Its type, id scheme, task queue and review signal keep the names of the Go seed,
 * so {@code temporal workflow signal --workflow-id order-<id> --name manual-review-decision --input '"approved"'}
 * works unchanged.
 */
@WorkflowInterface
public interface OrderFulfillmentWorkflow {

    String TASK_QUEUE = "order-fulfillment";
    String REVIEW_SIGNAL = "manual-review-decision";
    String CANCEL_SIGNAL = "cancel-order";
    String RESTOCK_SIGNAL = "inventory-restocked";
    String PROGRESS_QUERY = "progress";

    static String workflowId(UUID orderId) {
        return "order-" + orderId;
    }

    @WorkflowMethod
    OrderFulfillmentResult fulfil(OrderFulfillmentInput input);

    /** {@code "approved"} or {@code "rejected"}; anything else is logged and ignored. */
    @SignalMethod(name = REVIEW_SIGNAL)
    void manualReviewDecision(String decision);

    /** Honoured until the order ships; compensates whatever was already done. */
    @SignalMethod(name = CANCEL_SIGNAL)
    void cancel(String reason);

    /** Sent by the inventory service when a SKU this order is waiting for gets stock. */
    @SignalMethod(name = RESTOCK_SIGNAL)
    void restocked(String sku);

    @QueryMethod(name = PROGRESS_QUERY)
    OrderProgress progress();
}
