package dev.orders.fulfillment.workflow;

import static dev.orders.fulfillment.contracts.OrderStep.ASSESSING_FRAUD;
import static dev.orders.fulfillment.contracts.OrderStep.AWAITING_RESTOCK;
import static dev.orders.fulfillment.contracts.OrderStep.AWAITING_REVIEW;
import static dev.orders.fulfillment.contracts.OrderStep.CHARGING_PAYMENT;
import static dev.orders.fulfillment.contracts.OrderStep.COMPENSATING;
import static dev.orders.fulfillment.contracts.OrderStep.DONE;
import static dev.orders.fulfillment.contracts.OrderStep.NOTIFYING;
import static dev.orders.fulfillment.contracts.OrderStep.RESERVING_INVENTORY;
import static dev.orders.fulfillment.contracts.OrderStep.SHIPPING;
import static dev.orders.fulfillment.contracts.OrderStep.VALIDATING;

import dev.orders.fulfillment.contracts.AmendOrderInput;
import dev.orders.fulfillment.contracts.BackorderContinuation;
import dev.orders.fulfillment.contracts.ChargePaymentInput;
import dev.orders.fulfillment.contracts.ChargePaymentResult;
import dev.orders.fulfillment.contracts.CreateShipmentInput;
import dev.orders.fulfillment.contracts.CreateShipmentResult;
import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.FraudActivities;
import dev.orders.fulfillment.contracts.FraudAssessmentInput;
import dev.orders.fulfillment.contracts.FraudAssessmentResult;
import dev.orders.fulfillment.contracts.InventoryActivities;
import dev.orders.fulfillment.contracts.NotificationActivities;
import dev.orders.fulfillment.contracts.NotificationType;
import dev.orders.fulfillment.contracts.OrderFulfillmentInput;
import dev.orders.fulfillment.contracts.OrderFulfillmentResult;
import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import dev.orders.fulfillment.contracts.OrderProgress;
import dev.orders.fulfillment.contracts.OrderSearchAttributes;
import dev.orders.fulfillment.contracts.OrderStateActivities;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.OrderStep;
import dev.orders.fulfillment.contracts.PaymentActivities;
import dev.orders.fulfillment.contracts.RecordOrderAmendmentInput;
import dev.orders.fulfillment.contracts.RecordOrderStateInput;
import dev.orders.fulfillment.contracts.RefundPaymentInput;
import dev.orders.fulfillment.contracts.ReleaseInventoryInput;
import dev.orders.fulfillment.contracts.ReserveInventoryInput;
import dev.orders.fulfillment.contracts.ReserveInventoryResult;
import dev.orders.fulfillment.contracts.SendNotificationInput;
import dev.orders.fulfillment.contracts.ShippingActivities;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * validate → fraud → (manual review) → reserve stock (→ backorder) → payment → shipping → notification.
 *
 * <p>Every step that changes what a customer or operator sees is written to the orders table through
 * {@link OrderStateActivities}. A step either lets the order go on ({@code true}) or has already brought it
 * to a terminal state ({@code false}). Cancellation is honoured between steps and while waiting, until the
 * order ships; what was already done is compensated (refund, release). Each of those writes also keeps the
 * order's {@link OrderSearchAttributes} current, so Temporal's visibility lists orders by the same state.
 */
@WorkflowImpl(taskQueues = OrderFulfillmentWorkflow.TASK_QUEUE)
public class OrderFulfillmentWorkflowImpl implements OrderFulfillmentWorkflow {

    private static final Logger log = Workflow.getLogger(OrderFulfillmentWorkflowImpl.class);
    private static final String CANCELLED_IN_TEMPORAL = "cancelled: by an operator in Temporal";
    /**
     * Runs started before the workflow kept search attributes replay without them (README, "Changing the workflow
     * while orders are in flight").
     */
    private static final String SEARCH_ATTRIBUTES_CHANGE = "search-attributes";
    /** Runs that backordered before a restock during a reservation counted replay with the signal wiped. */
    private static final String RESTOCK_KEPT_CHANGE = "restock-signal-kept";
    /** Runs that backordered before the wait could continue as new replay their one long history. */
    private static final String CONTINUE_AS_NEW_CHANGE = "backorder-continue-as-new";
    /** Runs that took payment before the refund was registered ahead of the charge replay without it on a decline. */
    private static final String SAGA_CHANGE = "refund-registered-before-charge";

    private final FraudActivities fraud =
            Workflow.newActivityStub(FraudActivities.class, FulfillmentActivityOptions.FRAUD);
    private final InventoryActivities inventory =
            Workflow.newActivityStub(InventoryActivities.class, FulfillmentActivityOptions.INVENTORY);
    private final InventoryActivities releases =
            Workflow.newActivityStub(InventoryActivities.class, FulfillmentActivityOptions.INVENTORY_COMPENSATION);
    private final PaymentActivities payment =
            Workflow.newActivityStub(PaymentActivities.class, FulfillmentActivityOptions.PAYMENT);
    private final PaymentActivities refunds =
            Workflow.newActivityStub(PaymentActivities.class, FulfillmentActivityOptions.PAYMENT_COMPENSATION);
    private final ShippingActivities shipping =
            Workflow.newActivityStub(ShippingActivities.class, FulfillmentActivityOptions.SHIPPING);
    private final NotificationActivities notifications =
            Workflow.newActivityStub(NotificationActivities.class, FulfillmentActivityOptions.NOTIFICATION);
    private final OrderStateActivities orderState =
            Workflow.newActivityStub(OrderStateActivities.class, FulfillmentActivityOptions.ORDER_STATE);

    private OrderFulfillmentInput order;
    private OrderStep step = VALIDATING;
    private OrderStatus status = OrderStatus.PROCESSING;
    private DecisionPath decisionPath;
    private Integer riskScore;
    private String transactionId;
    private String carrier;
    private String trackingId;
    private String failureReason;

    private String reviewDecision;
    private String cancelReason;
    private boolean restockSignalled;

    /** What has to be undone if the order ends before it ships: each step registers its undoing before it runs. */
    private Saga saga = newSaga();

    private String compensationReason;

    /** An amendment accepted while the order waits, until the order is assessed again from it. */
    private AmendOrderInput amendment;
    /** How often the items were amended, and up to which amendment the order has settled again. */
    private int revision;

    private int settledRevision;

    private boolean keepsSearchAttributes;

    @Override
    public OrderFulfillmentResult fulfil(OrderFulfillmentInput input) {
        this.order = input;
        keepsSearchAttributes = Workflow.getVersion(SEARCH_ATTRIBUTES_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
        try {
            if (input.continuation() != null) {
                resumeBackorder(input.continuation());
            } else {
                publishSearchAttributes();
                OrderValidation.problem(input).ifPresentOrElse(this::rejectInvalid, this::process);
            }
            while (amendment != null) {
                applyAmendment();
                process();
            }
            Workflow.await(Workflow::isEveryHandlerFinished); // an amendment's caller gets its answer first
        } catch (CanceledFailure e) {
            endCancelledInTemporal();
            throw e;
        } catch (ActivityFailure e) {
            if (e.getCause() instanceof CanceledFailure cancelled) {
                endCancelledInTemporal();
                throw cancelled;
            }
            throw e;
        }
        return new OrderFulfillmentResult(
                input.orderId(),
                status,
                decisionPath,
                riskScore == null ? 0 : riskScore,
                failureReason == null ? "order " + status.wireName() : failureReason);
    }

    private void process() {
        if (assessFraud() && reserveStock()) {
            payShipAndConfirm();
        }
    }

    /**
     * An amendment ends the pass it interrupted (the wait returns false) and the order is assessed again from its new
     * items: what the old ones held goes back, the state table gets the new items, fraud and stock are asked again.
     */
    private void applyAmendment() {
        revision++;
        step = VALIDATING;
        compensationReason = "items amended";
        Workflow.newDetachedCancellationScope(saga::compensate).run(); // before payment: at most the release
        saga = newSaga();
        order = order.amended(amendment.lines());
        amendment = null;
        reviewDecision = null;
        decisionPath = null;
        riskScore = null;
        status = OrderStatus.PROCESSING;
        orderState.recordAmendment(
                new RecordOrderAmendmentInput(order.orderId(), revision, order.lines(), order.totalAmount()));
        log.info("order {}: items amended (revision {}), assessing again", order.orderId(), revision);
    }

    /** Where an amendment's update answers: the order waits again, is being charged, or has ended. */
    private void settle() {
        settledRevision = revision;
    }

    private static Saga newSaga() {
        return new Saga(new Saga.Options.Builder().build());
    }

    /** A run its predecessor continued as new, mid-backorder: the order was assessed and is on the waiting list. */
    private void resumeBackorder(BackorderContinuation continued) {
        revision = continued.revision();
        settledRevision = revision;
        decisionPath = DecisionPath.BACKORDER;
        status = OrderStatus.BACKORDERED;
        riskScore = continued.riskScore();
        saga.addCompensation(this::releaseStock); // the predecessor's reservation attempt registered the order
        restockSignalled = restockSignalled || continued.restockPending();
        if (cancelReason == null) {
            cancelReason = continued.cancelReason();
        }
        publishSearchAttributes();
        if (awaitStock(continued.deadlineEpochMillis(), continued.runs()) && restocked()) {
            payShipAndConfirm();
        }
    }

    private void payShipAndConfirm() {
        if (takePayment()) {
            // once shipping begins the goods may leave: not even a cancellation of the workflow itself stops it
            Workflow.newDetachedCancellationScope(this::shipAndConfirm).run();
        }
    }

    private void shipAndConfirm() {
        if (ship()) {
            step = NOTIFYING;
            notifyCustomer(
                    NotificationType.ORDER_CONFIRMED,
                    "Your order is confirmed and on its way with " + carrier + ", tracking " + trackingId + ".");
            finish(OrderStatus.COMPLETED, null);
        }
    }

    private void rejectInvalid(String problem) {
        decisionPath = DecisionPath.VALIDATION_FAILED;
        finish(OrderStatus.REJECTED, "invalid order: " + problem);
    }

    private boolean assessFraud() {
        if (cancelRequested()) {
            return cancelOrder();
        }
        step = ASSESSING_FRAUD;
        FraudAssessmentResult assessment;
        try {
            assessment = fraud.assess(new FraudAssessmentInput(
                    order.orderId(),
                    order.customerId(),
                    order.customerTier(),
                    order.totalAmount(),
                    order.customerHistory(),
                    revision));
        } catch (ActivityFailure e) {
            rethrowCancellation(e);
            // no score to go by: a person decides
            log.warn("order {}: fraud assessment failed for good, holding for review: {}", order.orderId(), causeOf(e));
            return manualReview();
        }
        riskScore = assessment.riskScore();
        if (!assessment.requiresManualReview()) {
            decisionPath = DecisionPath.AUTO_APPROVED;
            recordState();
            return proceedUnlessCancelled();
        }
        return manualReview();
    }

    private boolean manualReview() {
        decisionPath = DecisionPath.MANUAL_REVIEW;
        status = OrderStatus.MANUAL_REVIEW;
        // waiting from before the row says so: a reviewer or customer who sees manual_review may act at once, even
        // while the notice is still being sent (the wait below then returns at once)
        step = AWAITING_REVIEW;
        recordState();
        notifyCustomer(NotificationType.MANUAL_REVIEW, "Your order is under review.");
        settle();
        boolean decided = Workflow.await(
                order.policy().reviewWindow(), () -> reviewDecision != null || cancelRequested() || amendment != null);
        if (cancelRequested()) {
            return cancelOrder();
        }
        if (amendment != null) {
            return false;
        }
        if (!decided || !"approved".equals(reviewDecision)) {
            decisionPath = DecisionPath.MANUAL_REJECTED;
            String reason = decided
                    ? "rejected in manual review"
                    : "manual review timed out after " + order.policy().reviewWindow();
            notifyCustomer(NotificationType.ORDER_REJECTED, "Your order was not approved: " + reason + ".");
            finish(OrderStatus.REJECTED, reason);
            return false;
        }
        decisionPath = DecisionPath.MANUAL_APPROVED;
        status = OrderStatus.PROCESSING;
        recordState();
        return true;
    }

    private boolean reserveStock() {
        step = RESERVING_INVENTORY;
        restockSignalled = false; // a restock from here on may come too late for this attempt: it counts
        // before the call: an attempt that failed may still have reserved, and a shortage puts the order on the
        // waiting list, which releasing clears too
        saga.addCompensation(this::releaseStock);
        Optional<ReserveInventoryResult> attempt = reserve();
        if (attempt.isEmpty()) {
            return false;
        }
        ReserveInventoryResult reservation = attempt.get();
        if (!reservation.reserved()) {
            decisionPath = DecisionPath.BACKORDER;
            status = OrderStatus.BACKORDERED;
            step = AWAITING_RESTOCK; // as for a review: amendable from the moment the row says backordered
            recordState();
            notifyCustomer(
                    NotificationType.BACKORDER,
                    "Some items in your order are out of stock: " + reservation.shortages()
                            + ". We will ship as soon as they are back.");
            return awaitStock(
                            Workflow.currentTimeMillis()
                                    + order.policy().backorderWindow().toMillis(),
                            1)
                    && restocked();
        }
        return proceedUnlessCancelled();
    }

    /** The wait is over and the stock reserved (its release was registered before the first attempt). */
    private boolean restocked() {
        status = OrderStatus.PROCESSING;
        recordState();
        return proceedUnlessCancelled();
    }

    /**
     * Retries the reservation on every restock signal, and on a timer in case a signal was lost. A restock that
     * arrives while an attempt or the backorder notice is under way counts: the flag is cleared only as an attempt
     * begins, never as the wait does. Each round adds events (a timer, an attempt); before the history grows past
     * the policy's budget, or once the server suggests it, the run continues as new with the wait's state, so a
     * week-long wait on a one-minute recheck stays within Temporal's history limits.
     */
    private boolean awaitStock(long deadline, int run) {
        boolean keepsEarlyRestock = Workflow.getVersion(RESTOCK_KEPT_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
        boolean continuesAsNew = Workflow.getVersion(CONTINUE_AS_NEW_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
        while (true) {
            Duration left = Duration.ofMillis(deadline - Workflow.currentTimeMillis());
            if (left.isNegative() || left.isZero()) {
                compensate("backorder expired");
                notifyCustomer(
                        NotificationType.ORDER_CANCELLED,
                        "Your order was cancelled: the items did not come back in stock in time.");
                finish(
                        OrderStatus.CANCELLED,
                        "backorder expired after " + order.policy().backorderWindow());
                return false;
            }
            if (continuesAsNew
                    && historyIsLong()
                    && !cancelRequested()
                    && amendment == null
                    && settledRevision == revision) {
                log.info(
                        "order {}: backorder wait continues as new after {} events (run {})",
                        order.orderId(),
                        Workflow.getInfo().getHistoryLength(),
                        run);
                Workflow.continueAsNew(order.continuing(new BackorderContinuation(
                        deadline, riskScore, restockSignalled, cancelReason, run + 1, revision)));
            }
            step = AWAITING_RESTOCK;
            if (!keepsEarlyRestock) {
                restockSignalled = false;
            }
            Duration wait = left.compareTo(order.policy().restockRecheck()) < 0
                    ? left
                    : order.policy().restockRecheck();
            settle();
            Workflow.await(wait, () -> restockSignalled || cancelRequested() || amendment != null);
            if (cancelRequested()) {
                return cancelOrder();
            }
            if (amendment != null) {
                return false;
            }
            step = RESERVING_INVENTORY;
            restockSignalled = false;
            Optional<ReserveInventoryResult> attempt = reserve();
            if (attempt.isEmpty()) {
                return false;
            }
            if (attempt.get().reserved()) {
                return true;
            }
        }
    }

    private boolean historyIsLong() {
        int budget = order.policy().historyEventBudget();
        return Workflow.getInfo().isContinueAsNewSuggested()
                || (budget > 0 && Workflow.getInfo().getHistoryLength() >= budget);
    }

    private boolean takePayment() {
        step = CHARGING_PAYMENT;
        settle();
        // before the call: the gateway may take the money and the call still fail; a refund of nothing is a no-op
        boolean refundFirst = Workflow.getVersion(SAGA_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
        if (refundFirst) {
            saga.addCompensation(this::refundPayment);
        }
        ChargePaymentResult charge;
        try {
            charge = payment.charge(new ChargePaymentInput(
                    order.orderId(), order.customerId(), order.totalAmount(), order.currency(), order.paymentMethod()));
        } catch (ActivityFailure e) {
            rethrowCancellation(e);
            if (!refundFirst) {
                saga.addCompensation(this::refundPayment);
            }
            decisionPath = DecisionPath.PAYMENT_ERROR;
            // what went wrong inside is for the logs; the order and the customer get a reason fit to show
            log.warn("order {}: payment failed for good: {}", order.orderId(), causeOf(e));
            return failPayment("payment error: the payment could not be completed");
        }
        if (!charge.approved()) {
            decisionPath = DecisionPath.PAYMENT_DECLINED;
            return failPayment("payment declined: " + charge.declineReason());
        }
        if (!refundFirst) {
            saga.addCompensation(this::refundPayment);
        }
        transactionId = charge.transactionId();
        recordState();
        return proceedUnlessCancelled();
    }

    private boolean failPayment(String reason) {
        compensate(reason);
        notifyCustomer(NotificationType.PAYMENT_FAILED, "We could not take your payment (" + reason + ").");
        finish(OrderStatus.PAYMENT_FAILED, reason);
        return false;
    }

    private boolean ship() {
        step = SHIPPING;
        CreateShipmentResult shipment;
        try {
            shipment = shipping.createShipment(new CreateShipmentInput(
                    order.orderId(), order.customerId(), order.customerTier(), order.totalAmount(), order.lines()));
        } catch (ActivityFailure e) {
            log.warn("order {}: shipping failed for good: {}", order.orderId(), causeOf(e));
            String reason =
                    "shipping failed: " + (rejectedShipment(e) ? causeOf(e) : "the shipment could not be booked");
            compensate(reason);
            notifyCustomer(
                    NotificationType.ORDER_CANCELLED,
                    "We could not ship your order, so it was cancelled and your payment refunded.");
            finish(OrderStatus.CANCELLED, reason);
            return false;
        }
        carrier = shipment.carrier();
        trackingId = shipment.trackingId();
        status = OrderStatus.SHIPPED;
        recordState();
        return true;
    }

    private boolean proceedUnlessCancelled() {
        return !cancelRequested() || cancelOrder();
    }

    /** Always returns false: the order ends here. */
    private boolean cancelOrder() {
        compensate("cancelled: " + cancelReason);
        notifyCustomer(NotificationType.ORDER_CANCELLED, "Your order was cancelled as requested.");
        finish(OrderStatus.CANCELLED, "cancelled: " + cancelReason);
        return false;
    }

    /**
     * Undoes, in reverse order, whatever the order holds (refund, then release). Each compensation retries until it
     * succeeds. Detached: a cancellation of the workflow itself must not cancel the undoing it asks for.
     */
    private void compensate(String reason) {
        step = COMPENSATING;
        compensationReason = reason;
        Workflow.newDetachedCancellationScope(saga::compensate).run();
    }

    private void refundPayment() {
        refunds.refund(new RefundPaymentInput(order.orderId(), compensationReason));
    }

    private void releaseStock() {
        releases.release(new ReleaseInventoryInput(order.orderId(), compensationReason));
    }

    /**
     * The workflow itself was cancelled (the Temporal UI's Cancel, {@code temporal workflow cancel}): the order ends
     * cancelled as if asked through the API, its undoing and its last writes detached from the cancelled scope.
     */
    private void endCancelledInTemporal() {
        Workflow.newDetachedCancellationScope(() -> {
                    if (status.isTerminal()) {
                        // it had ended; its last write may have been cut short, and writing it again is harmless
                        recordState();
                        return;
                    }
                    if (compensationReason == null) {
                        compensate(CANCELLED_IN_TEMPORAL);
                    }
                    notifyCustomer(NotificationType.ORDER_CANCELLED, "Your order was cancelled.");
                    finish(OrderStatus.CANCELLED, CANCELLED_IN_TEMPORAL);
                })
                .run();
    }

    /** A step's failure that is only the workflow being cancelled is not the step's business outcome. */
    private static void rethrowCancellation(ActivityFailure failure) {
        if (failure.getCause() instanceof CanceledFailure) {
            throw failure;
        }
    }

    private void finish(OrderStatus terminal, String reason) {
        status = terminal;
        failureReason = reason;
        step = DONE;
        settle();
        recordState();
        log.info(
                "order {} finished: status={} path={} reason={}",
                order.orderId(),
                status.wireName(),
                decisionPath == null ? null : decisionPath.wireName(),
                reason);
    }

    private void recordState() {
        publishSearchAttributes();
        orderState.record(new RecordOrderStateInput(
                order.orderId(), status, decisionPath, riskScore, transactionId, carrier, trackingId, failureReason));
    }

    /** Upserts only what changed since the last upsert: each upsert is an event in the order's history. */
    private void publishSearchAttributes() {
        if (!keepsSearchAttributes) {
            return;
        }
        List<SearchAttributeUpdate<?>> changed = new ArrayList<>();
        setIfChanged(changed, OrderSearchAttributes.CUSTOMER_ID, order.customerId());
        setIfChanged(
                changed,
                OrderSearchAttributes.CUSTOMER_TIER,
                order.customerTier() == null ? null : order.customerTier().wireName());
        setIfChanged(changed, OrderSearchAttributes.ORDER_STATUS, status.wireName());
        setIfChanged(
                changed, OrderSearchAttributes.DECISION_PATH, decisionPath == null ? null : decisionPath.wireName());
        setIfChanged(changed, OrderSearchAttributes.RISK_SCORE, riskScore == null ? null : riskScore.longValue());
        if (!changed.isEmpty()) {
            Workflow.upsertTypedSearchAttributes(changed.toArray(SearchAttributeUpdate<?>[]::new));
        }
    }

    private static <T> void setIfChanged(List<SearchAttributeUpdate<?>> changed, SearchAttributeKey<T> key, T value) {
        if (value != null && !Objects.equals(Workflow.getTypedSearchAttributes().get(key), value)) {
            changed.add(key.valueSet(value));
        }
    }

    /** A notification that fails for good is logged and given up: it must not change the order's outcome. */
    private void notifyCustomer(NotificationType type, String message) {
        try {
            notifications.send(new SendNotificationInput(order.orderId(), order.customerId(), type, message));
        } catch (ActivityFailure e) {
            rethrowCancellation(e);
            log.warn("order {}: {} notification not sent: {}", order.orderId(), type.wireName(), causeOf(e));
        }
    }

    /** The reservation attempt's result; empty when it failed for good and the order has been cancelled. */
    private Optional<ReserveInventoryResult> reserve() {
        try {
            return Optional.of(inventory.reserve(new ReserveInventoryInput(order.orderId(), order.lines())));
        } catch (ActivityFailure e) {
            rethrowCancellation(e);
            log.warn("order {}: reservation failed for good: {}", order.orderId(), causeOf(e));
            String reason = "cancelled: the items could not be reserved";
            compensate(reason);
            notifyCustomer(
                    NotificationType.ORDER_CANCELLED,
                    "We could not reserve the items of your order, so it was cancelled.");
            finish(OrderStatus.CANCELLED, reason);
            return Optional.empty();
        }
    }

    private boolean cancelRequested() {
        return cancelReason != null;
    }

    /** No carrier takes the order: shipping-worker's message is written for the customer. */
    private static boolean rejectedShipment(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure application
                && ShippingActivities.SHIPMENT_REJECTED.equals(application.getType());
    }

    private static String causeOf(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure application) {
            return application.getOriginalMessage();
        }
        return cause == null ? failure.getMessage() : cause.getMessage();
    }

    /** The first decision wins; one that arrives before the review starts waits for it (a re-driven run). */
    @Override
    public void manualReviewDecision(String decision) {
        String normalized = normalizedDecision(decision);
        if (normalized == null) {
            log.warn("ignoring review decision {}: expected \"approved\" or \"rejected\"", decision);
            return;
        }
        if (reviewDecision == null) {
            reviewDecision = normalized;
        }
    }

    @Override
    public void validateReview(String decision) {
        String normalized = normalizedDecision(decision);
        if (normalized == null) {
            throw refused("a review decision is \"approved\" or \"rejected\", not \"" + decision + "\"");
        }
        if (normalized.equals(reviewDecision)) {
            return; // the same decision delivered again
        }
        if (reviewDecision != null) {
            throw refused("the order was already " + reviewDecision + " in review");
        }
        // the status the row shows from the moment the order is held; a decision that comes while the review
        // notice is still being sent is kept, and the wait returns with it
        if (status != OrderStatus.MANUAL_REVIEW) {
            throw refused(
                    status.isTerminal()
                            ? "the order is already " + status.wireName()
                            : "the order is not awaiting review (it is "
                                    + step.wireName().replace('_', ' ') + ")");
        }
        if (cancelRequested()) {
            throw refused("the order is being cancelled");
        }
        if (amendment != null) {
            throw refused("the order's items are being amended");
        }
    }

    @Override
    public OrderProgress decideReview(String decision) {
        reviewDecision = normalizedDecision(decision);
        return progress();
    }

    @Override
    public void cancel(String reason) {
        cancellationRefusal()
                .ifPresentOrElse(
                        refusal -> log.info(
                                "ignoring cancellation of {}: {}",
                                Workflow.getInfo().getWorkflowId(),
                                refusal),
                        () -> acceptCancellation(reason));
    }

    @Override
    public void validateCancellation(String reason) {
        if (!cancelRequested()) {
            cancellationRefusal().ifPresent(refusal -> {
                throw refused(refusal);
            });
        }
    }

    @Override
    public OrderProgress requestCancellation(String reason) {
        acceptCancellation(reason);
        return progress();
    }

    /** Why the order can no longer be cancelled: once shipping begins the goods may have left. */
    private Optional<String> cancellationRefusal() {
        if (status.isTerminal()) {
            return Optional.of("the order is already " + status.wireName());
        }
        if (status == OrderStatus.SHIPPED || step == SHIPPING || step == NOTIFYING) {
            return Optional.of("shipping has begun");
        }
        if (step == COMPENSATING) {
            return Optional.of("the order is already ending");
        }
        return Optional.empty();
    }

    private void acceptCancellation(String reason) {
        if (cancelReason == null) {
            cancelReason = reason == null || reason.isBlank() ? "requested by customer" : reason;
        }
    }

    private static String normalizedDecision(String decision) {
        String normalized = decision == null ? "" : decision.trim().toLowerCase(Locale.ROOT);
        return normalized.equals("approved") || normalized.equals("rejected") ? normalized : null;
    }

    private static ApplicationFailure refused(String why) {
        return ApplicationFailure.newNonRetryableFailure(why, OrderFulfillmentWorkflow.REFUSED);
    }

    @Override
    public void validateAmendment(AmendOrderInput input) {
        if (input == null || input.lines() == null) {
            throw refused("an amendment lists the order's items");
        }
        Optional<String> problem = OrderValidation.problem(order.amended(input.lines()));
        if (problem.isPresent()) {
            throw refused(problem.get());
        }
        amendmentRefusal().ifPresent(refusal -> {
            throw refused(refusal);
        });
    }

    @Override
    public OrderProgress amendItems(AmendOrderInput input) {
        int applied = revision + 1;
        amendment = input;
        Workflow.await(() -> settledRevision >= applied);
        return progress();
    }

    /** Items can change while the order waits, before any charge: then nothing but a reservation needs undoing. */
    private Optional<String> amendmentRefusal() {
        if (status.isTerminal()) {
            return Optional.of("the order is already " + status.wireName());
        }
        if (cancelRequested()) {
            return Optional.of("the order is being cancelled");
        }
        if (step.compareTo(CHARGING_PAYMENT) >= 0) {
            return Optional.of("payment has started");
        }
        if (amendment != null) {
            return Optional.of("an earlier amendment is still being applied");
        }
        if (reviewDecision != null) {
            return Optional.of("the order was already " + reviewDecision + " in review");
        }
        if (step != AWAITING_REVIEW && step != AWAITING_RESTOCK) {
            return Optional.of("the order is being assessed (it is "
                    + step.wireName().replace('_', ' ') + "); try again in a moment");
        }
        return Optional.empty();
    }

    @Override
    public void restocked(String sku) {
        restockSignalled = true;
    }

    @Override
    public OrderProgress progress() {
        return new OrderProgress(step, status, decisionPath, riskScore);
    }
}
