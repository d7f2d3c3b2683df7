package dev.orders.fulfillment.api;

import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import dev.orders.fulfillment.support.OrderTraces;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An order's Temporal side: starting its workflow, delivering its recorded intents, asking whether it still
 * exists. Each call is made for an order whose row the caller holds locked, and records on that row what got
 * through. A call that fails is logged and reported, never thrown: the intent stays on the row and
 * {@link OrderDispatcher} tries again.
 */
@Component
class OrderWorkflows {

    enum Outcome { DONE, NOT_FOUND, FAILED }

    private static final Logger log = LoggerFactory.getLogger(OrderWorkflows.class);

    private final WorkflowClient client;
    private final FulfillmentInputs inputs;

    OrderWorkflows(WorkflowClient client, FulfillmentInputs inputs) {
        this.client = client;
        this.inputs = inputs;
    }

    /** A cheap health check, so a caller can leave its work for later instead of waiting on each call in turn. */
    boolean temporalReachable() {
        try {
            return client.getWorkflowServiceStubs().healthCheck().getStatus() == ServingStatus.SERVING;
        } catch (StatusRuntimeException e) {
            return false;
        }
    }

    /** Starts the order's workflow; a run that already exists counts as started. */
    Outcome start(Order order) {
        OrderFulfillmentWorkflow workflow = client.newWorkflowStub(OrderFulfillmentWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(order.workflowId())
                        .setTaskQueue(OrderFulfillmentWorkflow.TASK_QUEUE)
                        // one run per order while Temporal remembers it; a new one only if Temporal forgot it
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        try {
            OrderTraces.within(order.traceParent(), () -> WorkflowClient.start(workflow::fulfil, inputs.forOrder(order)));
            log.info("order {}: workflow {} started", order.id(), order.workflowId());
        } catch (WorkflowExecutionAlreadyStarted e) {
            log.info("order {}: workflow {} was already started", order.id(), order.workflowId());
        } catch (WorkflowException e) {
            log.warn("order {}: workflow not started, the dispatcher will retry: {}", order.id(), causeOf(e));
            return Outcome.FAILED;
        }
        order.workflowStarted(Instant.now());
        return Outcome.DONE;
    }

    Outcome deliverReview(Order order) {
        Instant sentAt = Instant.now();
        Outcome outcome = signal(order, "review decision",
                workflow -> workflow.manualReviewDecision(order.review().decision().wireName()));
        if (outcome == Outcome.DONE) {
            order.reviewSignalled(sentAt);
        }
        return outcome;
    }

    Outcome deliverCancellation(Order order) {
        Instant sentAt = Instant.now();
        Outcome outcome = signal(order, "cancellation", workflow -> workflow.cancel(order.cancellation().reason()));
        if (outcome == Outcome.DONE) {
            order.cancellationSignalled(sentAt);
        }
        return outcome;
    }

    /** Whether Temporal still has the order's workflow, running or closed. */
    Outcome describe(Order order) {
        try {
            client.newUntypedWorkflowStub(order.workflowId()).describe();
            return Outcome.DONE;
        } catch (WorkflowNotFoundException e) {
            return Outcome.NOT_FOUND;
        } catch (WorkflowException e) {
            log.warn("order {}: cannot describe workflow {}: {}", order.id(), order.workflowId(), causeOf(e));
            return Outcome.FAILED;
        }
    }

    private Outcome signal(Order order, String intent, Consumer<OrderFulfillmentWorkflow> send) {
        try {
            OrderTraces.within(order.traceParent(),
                    () -> send.accept(client.newWorkflowStub(OrderFulfillmentWorkflow.class, order.workflowId())));
            log.info("order {}: {} delivered to {}", order.id(), intent, order.workflowId());
            return Outcome.DONE;
        } catch (WorkflowNotFoundException e) {
            log.info("order {}: {} recorded; it is delivered once workflow {} runs", order.id(), intent,
                    order.workflowId());
            return Outcome.NOT_FOUND;
        } catch (WorkflowException e) {
            log.warn("order {}: {} recorded but not delivered, the dispatcher will retry: {}", order.id(), intent,
                    causeOf(e));
            return Outcome.FAILED;
        }
    }

    /** The gRPC status says what went wrong; the exception's own message only repeats the workflow's ids. */
    private static String causeOf(WorkflowException e) {
        return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    }
}
