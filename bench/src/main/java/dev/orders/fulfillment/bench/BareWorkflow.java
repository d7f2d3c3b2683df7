package dev.orders.fulfillment.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;

/**
 * The limit the suite is held to: a workflow of the order workflow's shape (the same nine activity calls, in the
 * same order, on six task queues) whose activities do nothing. What it reaches is what the Temporal frontend and
 * the SDK allow on this machine; the suite's database work, HTTP and JVM count are the difference.
 */
@WorkflowInterface
public interface BareWorkflow {

    String TASK_QUEUE = "bench-order-fulfillment";

    /** The suite's queues in the order its workflow calls them: fraud, state, inventory, payment, state, ... */
    List<String> CALLS = List.of(
            "bench-fraud",
            "bench-state",
            "bench-inventory",
            "bench-payment",
            "bench-state",
            "bench-shipping",
            "bench-state",
            "bench-notification",
            "bench-state");

    @WorkflowMethod
    int run(String orderId);

    @ActivityInterface
    interface NoOpActivity {
        int step(String orderId);
    }

    /** Does nothing but call the steps: no state, no decisions. */
    class Impl implements BareWorkflow {
        @Override
        public int run(String orderId) {
            int done = 0;
            for (String queue : CALLS) {
                done += Workflow.newActivityStub(
                                NoOpActivity.class,
                                ActivityOptions.newBuilder()
                                        .setTaskQueue(queue)
                                        .setStartToCloseTimeout(Duration.ofSeconds(30))
                                        .build())
                        .step(orderId);
            }
            return done;
        }
    }

    /** A no-op body. */
    class NoOp implements NoOpActivity {
        @Override
        public int step(String orderId) {
            return 1;
        }
    }
}
