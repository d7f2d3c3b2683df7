package dev.orders.fulfillment.api;

import dev.orders.fulfillment.contracts.OrderFulfillmentInput;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import java.util.List;

/**
 * What a {@link RecordingOrderWorkflow} received from the API: its input and every review decision and cancellation
 * (update or signal); and a switch that makes it refuse the updates, as a workflow past the point would.
 */
@WorkflowInterface
public interface WorkflowRecording {

    @QueryMethod
    OrderFulfillmentInput input();

    @QueryMethod
    List<String> reviewDecisions();

    @QueryMethod
    List<String> cancelReasons();

    /** An update, so the switch is on once the call returns. */
    @UpdateMethod
    void refuseUpdates(String why);
}
