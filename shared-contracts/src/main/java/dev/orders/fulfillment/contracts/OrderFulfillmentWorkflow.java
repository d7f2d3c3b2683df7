package dev.orders.fulfillment.contracts;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;

/**
 * The order workflow. Its type, id scheme, task queue and review signal keep the names of the Go seed,
 * so {@code temporal workflow signal --workflow-id order-<id> --name manual-review-decision --input '"approved"'}
 * works unchanged.
 *
 * <p>A review decision and a cancellation come two ways. As an update (what the API sends) the workflow's own state
 * accepts or refuses it at once: its validator refuses with an {@link io.temporal.failure.ApplicationFailure} whose
 * message says why, for the client (of type {@link #REFUSED}, which the Java SDK 1.38 replaces by its own on the way
 * to the client). As a signal (the Temporal UI or CLI, and a decision
 * re-delivered to a re-driven run) it waits for the workflow to get there; one it cannot honour is logged and ignored.
 */
@WorkflowInterface
public interface OrderFulfillmentWorkflow {

    String TASK_QUEUE = "order-fulfillment";
    String REVIEW_SIGNAL = "manual-review-decision";
    String CANCEL_SIGNAL = "cancel-order";
    String RESTOCK_SIGNAL = "inventory-restocked";
    String PROGRESS_QUERY = "progress";
    String REVIEW_UPDATE = "decide-review";
    String CANCEL_UPDATE = "request-cancellation";
    String AMEND_UPDATE = "amend-items";
    /** The failure type of an update the order's state refuses. */
    String REFUSED = "OrderStateRefuses";

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

    /** The review signal's decision, accepted only while the order awaits review; the same decision again is a no-op. */
    @UpdateMethod(name = REVIEW_UPDATE)
    OrderProgress decideReview(String decision);

    @UpdateValidatorMethod(updateName = REVIEW_UPDATE)
    void validateReview(String decision);

    /** Accepted until shipping begins (again: a no-op); the order then ends cancelled, its steps compensated. */
    @UpdateMethod(name = CANCEL_UPDATE)
    OrderProgress requestCancellation(String reason);

    @UpdateValidatorMethod(updateName = CANCEL_UPDATE)
    void validateCancellation(String reason);

    /**
     * New items for an order that waits (for review or for stock) and has not been charged: the order is assessed
     * again from them (fraud, then stock). Answers once it has settled: awaiting review, backordered, being charged,
     * or ended.
     */
    @UpdateMethod(name = AMEND_UPDATE)
    OrderProgress amendItems(AmendOrderInput amendment);

    @UpdateValidatorMethod(updateName = AMEND_UPDATE)
    void validateAmendment(AmendOrderInput amendment);

    /** Sent by the inventory service when a SKU this order is waiting for gets stock. */
    @SignalMethod(name = RESTOCK_SIGNAL)
    void restocked(String sku);

    @QueryMethod(name = PROGRESS_QUERY)
    OrderProgress progress();
}
