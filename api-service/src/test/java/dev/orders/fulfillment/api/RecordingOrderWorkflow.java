package dev.orders.fulfillment.api;

import dev.orders.fulfillment.contracts.AmendOrderInput;
import dev.orders.fulfillment.contracts.OrderFulfillmentInput;
import dev.orders.fulfillment.contracts.OrderFulfillmentResult;
import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import dev.orders.fulfillment.contracts.OrderProgress;
import dev.orders.fulfillment.contracts.OrderStateActivities;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.OrderStep;
import dev.orders.fulfillment.contracts.RecordOrderAmendmentInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for order-workflow-worker in these tests: the starter's test server runs it on the real task queue
 * (it is in the auto-discovered package). It never finishes on its own and remembers everything the API sent it,
 * which {@link WorkflowRecording} lets a test read. It accepts every update until a test tells it to refuse them.
 */
@WorkflowImpl(taskQueues = OrderFulfillmentWorkflow.TASK_QUEUE)
public class RecordingOrderWorkflow implements OrderFulfillmentWorkflow, WorkflowRecording {

    private final List<String> reviewDecisions = new ArrayList<>();
    private final List<String> cancelReasons = new ArrayList<>();
    private final OrderStateActivities orderState = Workflow.newActivityStub(
            OrderStateActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(OrderStateActivities.TASK_QUEUE)
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .build());
    private OrderFulfillmentInput input;
    private String refusal;
    private int revision;

    @Override
    public OrderFulfillmentResult fulfil(OrderFulfillmentInput input) {
        this.input = input;
        Workflow.await(() -> false);
        throw new IllegalStateException("unreachable");
    }

    @Override
    public void manualReviewDecision(String decision) {
        reviewDecisions.add(decision);
    }

    @Override
    public void cancel(String reason) {
        cancelReasons.add(reason);
    }

    @Override
    public void validateReview(String decision) {
        refuseIfTold();
    }

    @Override
    public OrderProgress decideReview(String decision) {
        return accepted(reviewDecisions, decision);
    }

    @Override
    public void validateCancellation(String reason) {
        refuseIfTold();
    }

    @Override
    public OrderProgress requestCancellation(String reason) {
        return accepted(cancelReasons, reason);
    }

    private OrderProgress accepted(List<String> received, String value) {
        received.add(value);
        return progress();
    }

    @Override
    public void validateAmendment(AmendOrderInput amendment) {
        refuseIfTold();
    }

    /** Reports the amendment as the real workflow does, so the API's row gets the new items. */
    @Override
    public OrderProgress amendItems(AmendOrderInput amendment) {
        revision++;
        OrderFulfillmentInput amended = input.amended(amendment.lines());
        orderState.recordAmendment(
                new RecordOrderAmendmentInput(input.orderId(), revision, amended.lines(), amended.totalAmount()));
        return progress();
    }

    @Override
    public void restocked(String sku) {}

    @Override
    public void refuseUpdates(String why) {
        refusal = why;
    }

    private void refuseIfTold() {
        if (refusal != null) {
            throw ApplicationFailure.newNonRetryableFailure(refusal, OrderFulfillmentWorkflow.REFUSED);
        }
    }

    @Override
    public OrderProgress progress() {
        return new OrderProgress(OrderStep.VALIDATING, OrderStatus.PROCESSING, null, null);
    }

    @Override
    public OrderFulfillmentInput input() {
        return input;
    }

    @Override
    public List<String> reviewDecisions() {
        return reviewDecisions;
    }

    @Override
    public List<String> cancelReasons() {
        return cancelReasons;
    }
}
