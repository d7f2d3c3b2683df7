package dev.orders.fulfillment.api.fulfillment;

import dev.orders.fulfillment.api.order.Cancellation;
import dev.orders.fulfillment.api.order.Order;
import dev.orders.fulfillment.api.order.Review;
import dev.orders.fulfillment.contracts.AmendOrderInput;
import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import dev.orders.fulfillment.contracts.OrderLine;
import dev.orders.fulfillment.contracts.OrderProgress;
import dev.orders.fulfillment.support.OrderTraces;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.opentelemetry.context.Context;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * An order's Temporal side: starting its workflow, delivering its recorded intents, asking whether it still
 * exists. Each call is made for an order whose row the caller holds locked, and records on that row what got
 * through. A call that fails is logged and reported, never thrown: the intent stays on the row and
 * {@link OutboxRelay} tries again.
 *
 * <p>A review decision or cancellation goes to the run that was there when it was recorded as an update, which the
 * workflow's own state accepts or refuses at once (a refusal is written on the order, for whoever asked). A run
 * started after it (a re-driven order) gets it as a signal instead: that run has yet to walk back to where the
 * decision applies, and a signal waits for it there.
 */
@Component
public class OrderWorkflowClient implements DisposableBean {

    /** PENDING: accepted, but not settled within the wait (an amendment being assessed). */
    public enum Kind {
        DONE,
        PENDING,
        NOT_FOUND,
        FAILED,
        REFUSED
    }

    /** What got through; a refusal carries the workflow's reason. */
    public record Outcome(Kind kind, String refusal) {
        static final Outcome DONE = new Outcome(Kind.DONE, null);
        static final Outcome NOT_FOUND = new Outcome(Kind.NOT_FOUND, null);
        static final Outcome FAILED = new Outcome(Kind.FAILED, null);
        static final Outcome PENDING = new Outcome(Kind.PENDING, null);

        static Outcome refused(String why) {
            return new Outcome(Kind.REFUSED, why);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OrderWorkflowClient.class);

    private final WorkflowClient client;
    private final FulfillmentInputs inputs;
    private final Duration updateTimeout;
    private final Duration amendTimeout;
    /** Runs updates so a request waits for one no longer than the timeout (the SDK waits for a worker forever). */
    private final ExecutorService updates = Executors.newCachedThreadPool(daemonThreads("order-update-"));

    OrderWorkflowClient(
            WorkflowClient client,
            FulfillmentInputs inputs,
            @Value("${orders.temporal.update-timeout}") Duration updateTimeout,
            @Value("${orders.temporal.amend-timeout}") Duration amendTimeout) {
        this.client = client;
        this.inputs = inputs;
        this.updateTimeout = updateTimeout;
        this.amendTimeout = amendTimeout;
    }

    private static CustomizableThreadFactory daemonThreads(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    @Override
    public void destroy() {
        updates.shutdownNow();
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
        OrderFulfillmentWorkflow workflow = client.newWorkflowStub(
                OrderFulfillmentWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(order.workflowId())
                        .setTaskQueue(OrderFulfillmentWorkflow.TASK_QUEUE)
                        // one run per order while Temporal remembers it; a new one only if Temporal forgot it
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        try {
            OrderTraces.within(
                    order.traceParent(), () -> WorkflowClient.start(workflow::fulfil, inputs.forOrder(order)));
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

    public Outcome deliverReview(Order order) {
        Instant sentAt = Instant.now();
        Review review = order.review();
        String decision = review.decision().wireName();
        Outcome outcome = redriven(order, review.reviewedAt())
                ? signal(order, "review decision", workflow -> workflow.manualReviewDecision(decision))
                : update(
                        order,
                        "review decision",
                        OrderFulfillmentWorkflow.REVIEW_UPDATE,
                        "review-" + review.reviewedAt().toEpochMilli(),
                        decision,
                        updateTimeout);
        switch (outcome.kind()) {
            case DONE, PENDING -> order.reviewSignalled(sentAt);
            case REFUSED -> order.reviewRefused(outcome.refusal(), Instant.now());
            default -> {}
        }
        return outcome;
    }

    public Outcome deliverCancellation(Order order) {
        Instant sentAt = Instant.now();
        Cancellation cancellation = order.cancellation();
        Outcome outcome = redriven(order, cancellation.requestedAt())
                ? signal(order, "cancellation", workflow -> workflow.cancel(cancellation.reason()))
                : update(
                        order,
                        "cancellation",
                        OrderFulfillmentWorkflow.CANCEL_UPDATE,
                        "cancel-" + cancellation.requestedAt().toEpochMilli(),
                        cancellation.reason(),
                        updateTimeout);
        switch (outcome.kind()) {
            case DONE, PENDING -> order.cancellationSignalled(sentAt);
            case REFUSED -> order.cancellationRefused(outcome.refusal(), Instant.now());
            default -> {}
        }
        return outcome;
    }

    /** New items for the order: DONE once the workflow has assessed it again, PENDING while it still is. */
    public Outcome amend(Order order, List<OrderLine> lines) {
        return update(
                order,
                "amendment",
                OrderFulfillmentWorkflow.AMEND_UPDATE,
                null,
                new AmendOrderInput(lines),
                amendTimeout);
    }

    /** Whether the run that exists now started after the intent was recorded: Temporal forgot the one it was for. */
    private static boolean redriven(Order order, Instant recordedAt) {
        return order.workflowStartedAt() != null && order.workflowStartedAt().isAfter(recordedAt);
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

    /**
     * Sends an update: first until the workflow has accepted it (within the update timeout: else nothing took it, and
     * it fails), then until it has done its work ({@code settle}: else it is pending). A refusal is the outcome of
     * the second wait. An id makes a re-delivery of the same intent (after a timeout) get the first delivery's
     * answer instead of being taken twice.
     */
    private Outcome update(Order order, String intent, String name, String updateId, Object argument, Duration settle) {
        WorkflowStub stub = client.newUntypedWorkflowStub(order.workflowId());
        UpdateOptions<OrderProgress> options = UpdateOptions.newBuilder(OrderProgress.class)
                .setUpdateName(name)
                .setUpdateId(updateId)
                .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                .build();
        // in the caller's trace (a reviewer's request), carried to the thread that waits for Temporal
        Future<WorkflowUpdateHandle<OrderProgress>> sent = updates.submit(Context.current()
                .wrap(() -> OrderTraces.within(order.traceParent(), () -> stub.startUpdate(options, argument))));
        try {
            WorkflowUpdateHandle<OrderProgress> handle = sent.get(updateTimeout.toMillis(), TimeUnit.MILLISECONDS);
            handle.getResultAsync(settle.toMillis(), TimeUnit.MILLISECONDS).get();
            log.info("order {}: {} accepted by {}", order.id(), intent, order.workflowId());
            return Outcome.DONE;
        } catch (TimeoutException e) {
            if (!sent.isDone()) {
                sent.cancel(true);
                log.warn(
                        "order {}: {} not taken: workflow {} did not answer within {}",
                        order.id(),
                        intent,
                        order.workflowId(),
                        updateTimeout);
                return Outcome.FAILED;
            }
            log.info(
                    "order {}: {} accepted by {}, still at work after {}",
                    order.id(),
                    intent,
                    order.workflowId(),
                    settle);
            return Outcome.PENDING;
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            return Outcome.FAILED;
        } catch (ExecutionException e) {
            Throwable failure =
                    e.getCause() instanceof CompletionException completion ? completion.getCause() : e.getCause();
            return updateFailed(order, intent, failure);
        }
    }

    private Outcome updateFailed(Order order, String intent, Throwable failure) {
        // the validators are the only workflow code that throws for these updates; the SDK (1.38) hands their
        // failure to the client re-typed as its own wrapper, so the kind of failure tells a refusal, not its type
        if (failure instanceof WorkflowUpdateException refused
                && refused.getCause() instanceof ApplicationFailure reason) {
            log.info(
                    "order {}: {} refused by {}: {}",
                    order.id(),
                    intent,
                    order.workflowId(),
                    reason.getOriginalMessage());
            return Outcome.refused(reason.getOriginalMessage());
        }
        if (failure instanceof WorkflowNotFoundException) {
            log.info("order {}: {} not delivered: workflow {} is not running", order.id(), intent, order.workflowId());
            return Outcome.NOT_FOUND;
        }
        log.warn(
                "order {}: {} not delivered: {}",
                order.id(),
                intent,
                failure instanceof WorkflowException e ? causeOf(e) : failure.toString());
        return Outcome.FAILED;
    }

    private Outcome signal(Order order, String intent, Consumer<OrderFulfillmentWorkflow> send) {
        try {
            OrderTraces.within(
                    order.traceParent(),
                    () -> send.accept(client.newWorkflowStub(OrderFulfillmentWorkflow.class, order.workflowId())));
            log.info("order {}: {} delivered to {}", order.id(), intent, order.workflowId());
            return Outcome.DONE;
        } catch (WorkflowNotFoundException e) {
            log.info(
                    "order {}: {} recorded; it is delivered once workflow {} runs",
                    order.id(),
                    intent,
                    order.workflowId());
            return Outcome.NOT_FOUND;
        } catch (WorkflowException e) {
            log.warn("order {}: {} not delivered: {}", order.id(), intent, causeOf(e));
            return Outcome.FAILED;
        }
    }

    /** The gRPC status says what went wrong; the exception's own message only repeats the workflow's ids. */
    private static String causeOf(WorkflowException e) {
        return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    }
}
