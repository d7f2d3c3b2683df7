package dev.orders.fulfillment.inventory;

import dev.orders.fulfillment.contracts.AmendOrderInput;
import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderFulfillmentInput;
import dev.orders.fulfillment.contracts.OrderFulfillmentResult;
import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import dev.orders.fulfillment.contracts.OrderProgress;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.OrderStep;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the real order workflow (another module) in tests: waits for a restock signal and completes with
 * the SKUs it was told about. The starter's auto-discovery registers it on the test server.
 */
@WorkflowImpl(taskQueues = OrderFulfillmentWorkflow.TASK_QUEUE)
public class BackorderedOrderWorkflow implements OrderFulfillmentWorkflow {

    private final List<String> restockedSkus = new ArrayList<>();

    @Override
    public OrderFulfillmentResult fulfil(OrderFulfillmentInput input) {
        Workflow.await(() -> !restockedSkus.isEmpty());
        return new OrderFulfillmentResult(
                input.orderId(), OrderStatus.BACKORDERED, DecisionPath.BACKORDER, 0, String.join(",", restockedSkus));
    }

    @Override
    public void restocked(String sku) {
        restockedSkus.add(sku);
    }

    @Override
    public OrderProgress progress() {
        OrderStep step = restockedSkus.isEmpty() ? OrderStep.AWAITING_RESTOCK : OrderStep.RESERVING_INVENTORY;
        return new OrderProgress(step, OrderStatus.BACKORDERED, DecisionPath.BACKORDER, 0);
    }

    /** Not part of waiting for stock. */
    @Override
    public void manualReviewDecision(String decision) {}

    /** Not part of waiting for stock. */
    @Override
    public void cancel(String reason) {}

    @Override
    public void validateReview(String decision) {
        throw notHere();
    }

    @Override
    public OrderProgress decideReview(String decision) {
        throw notHere();
    }

    @Override
    public void validateCancellation(String reason) {
        throw notHere();
    }

    @Override
    public OrderProgress requestCancellation(String reason) {
        throw notHere();
    }

    @Override
    public void validateAmendment(AmendOrderInput amendment) {
        throw notHere();
    }

    @Override
    public OrderProgress amendItems(AmendOrderInput amendment) {
        throw notHere();
    }

    /** The updates are refused by their validators: these tests only restock. */
    private static UnsupportedOperationException notHere() {
        return new UnsupportedOperationException("not part of waiting for stock");
    }
}
