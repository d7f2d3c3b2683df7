package dev.orders.fulfillment.api;

import dev.orders.fulfillment.contracts.OrderFulfillmentInput;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import java.util.List;

/** What a {@link RecordingOrderWorkflow} received from the API: its input and every signal. */
@WorkflowInterface
public interface WorkflowRecording {

    @QueryMethod
    OrderFulfillmentInput input();

    @QueryMethod
    List<String> reviewDecisions();

    @QueryMethod
    List<String> cancelReasons();
}
