package dev.orders.fulfillment.workflow;

import static dev.orders.fulfillment.contracts.OrderStatus.BACKORDERED;
import static dev.orders.fulfillment.contracts.OrderStatus.CANCELLED;
import static dev.orders.fulfillment.contracts.OrderStatus.COMPLETED;
import static dev.orders.fulfillment.contracts.OrderStatus.MANUAL_REVIEW;
import static dev.orders.fulfillment.contracts.OrderStatus.PAYMENT_FAILED;
import static dev.orders.fulfillment.contracts.OrderStatus.PROCESSING;
import static dev.orders.fulfillment.contracts.OrderStatus.REJECTED;
import static dev.orders.fulfillment.contracts.OrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.orders.fulfillment.contracts.AmendOrderInput;
import dev.orders.fulfillment.contracts.CustomerHistory;
import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.FulfillmentPolicy;
import dev.orders.fulfillment.contracts.NotificationType;
import dev.orders.fulfillment.contracts.OrderFulfillmentInput;
import dev.orders.fulfillment.contracts.OrderFulfillmentResult;
import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import dev.orders.fulfillment.contracts.OrderLine;
import dev.orders.fulfillment.contracts.OrderProgress;
import dev.orders.fulfillment.contracts.OrderSearchAttributes;
import dev.orders.fulfillment.contracts.OrderStep;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One test per decision path, on Temporal's time-skipping test server (its JUnit 5 extension, which also prints
 * the workflow histories of a failed test); the workers are {@link FakeServices}.
 */
class OrderFulfillmentWorkflowTest {

    private static final FulfillmentPolicy POLICY =
            new FulfillmentPolicy(Duration.ofHours(24), Duration.ofHours(2), Duration.ofMinutes(30));

    private TestWorkflowEnvironment env;
    private FakeServices services;
    private OrderFulfillmentInput input;
    private OrderFulfillmentWorkflow workflow;

    /**
     * A fresh time-skipping test server per test. Not started by the extension: the fakes' workers must be
     * registered first, and the workflow runs on its production task queue, not the extension's random one.
     */
    @RegisterExtension
    static final TestWorkflowExtension temporal = withSearchAttributes(TestWorkflowExtension.newBuilder())
            .setDoNotStart(true)
            .build();

    /** Registered as every Temporal server running this workflow must have them (the launcher, compose). */
    private static TestWorkflowExtension.Builder withSearchAttributes(TestWorkflowExtension.Builder builder) {
        for (SearchAttributeKey<?> key : OrderSearchAttributes.ALL) {
            builder.registerSearchAttribute(key.getName(), key.getValueType());
        }
        return builder;
    }

    @BeforeEach
    void startEnvironment(TestWorkflowEnvironment environment) {
        env = environment;
        env.newWorker(OrderFulfillmentWorkflow.TASK_QUEUE)
                .registerWorkflowImplementationTypes(OrderFulfillmentWorkflowImpl.class);
        services = new FakeServices();
        services.registerOn(env::newWorker);
        env.start();
        input = order(new OrderLine("prod-1", 2, new BigDecimal("29.99"), 250));
    }

    @Test
    void autoApprovedOrderIsFulfilledAndRecordedAtEveryStep() {
        OrderFulfillmentResult result = run();

        assertThat(result.status()).isEqualTo(COMPLETED);
        assertThat(result.decisionPath()).isEqualTo(DecisionPath.AUTO_APPROVED);
        assertThat(result.riskScore()).isEqualTo(10);
        assertThat(services.recordedStatuses()).containsExactly(PROCESSING, PROCESSING, SHIPPED, COMPLETED);
        assertThat(services.lastState().transactionId()).isEqualTo("txn-0123456789ab");
        assertThat(services.lastState().trackingId()).isEqualTo("GND-ABCDEF123456");
        assertThat(services.lastState().carrier()).isEqualTo("ground");
        assertThat(services.notifications).containsExactly(NotificationType.ORDER_CONFIRMED);
        assertThat(services.count("RefundPayment") + services.count("ReleaseInventory"))
                .isZero();
        assertThat(progress().step()).isEqualTo(OrderStep.DONE);
        SearchAttributes attributes = searchAttributes();
        assertThat(attributes.get(OrderSearchAttributes.ORDER_STATUS)).isEqualTo("completed");
        assertThat(attributes.get(OrderSearchAttributes.DECISION_PATH)).isEqualTo("auto_approved");
        assertThat(attributes.get(OrderSearchAttributes.RISK_SCORE)).isEqualTo(10L);
        assertThat(attributes.get(OrderSearchAttributes.CUSTOMER_ID)).isEqualTo("test-customer");
        assertThat(attributes.get(OrderSearchAttributes.CUSTOMER_TIER)).isEqualTo("standard");
    }

    @Test
    void invalidInputIsRejectedWithoutCallingAnyWorker() {
        input = order(new OrderLine("prod-1", 0, new BigDecimal("29.99"), 250));

        OrderFulfillmentResult result = run();

        assertThat(result.status()).isEqualTo(REJECTED);
        assertThat(result.decisionPath()).isEqualTo(DecisionPath.VALIDATION_FAILED);
        assertThat(result.message()).contains("quantity of prod-1");
        assertThat(services.calls).containsExactly("RecordOrderState");
    }

    @Nested
    class ManualReview {

        @BeforeEach
        void highRisk() {
            services.riskScore = 105;
        }

        @Test
        void approvalContinuesToFulfilment() {
            start();
            // the step is set as the held state's record and the notice are scheduled: wait for them to be done
            awaitIdleAt(OrderStep.AWAITING_REVIEW);
            assertThat(services.lastState().status()).isEqualTo(MANUAL_REVIEW);
            assertThat(services.notifications).containsExactly(NotificationType.MANUAL_REVIEW);
            // what an operator's `OrderStatus='manual_review'` finds
            assertThat(searchAttributes().get(OrderSearchAttributes.ORDER_STATUS))
                    .isEqualTo("manual_review");
            assertThat(searchAttributes().get(OrderSearchAttributes.RISK_SCORE)).isEqualTo(105L);

            workflow.manualReviewDecision("approved");
            OrderFulfillmentResult result = result();

            assertThat(result.status()).isEqualTo(COMPLETED);
            assertThat(result.decisionPath()).isEqualTo(DecisionPath.MANUAL_APPROVED);
            assertThat(services.count("ProcessPayment")).isEqualTo(1);
            assertThat(services.lastState().trackingId()).isNotNull();
            assertThat(searchAttributes().get(OrderSearchAttributes.ORDER_STATUS))
                    .isEqualTo("completed");
            assertThat(searchAttributes().get(OrderSearchAttributes.DECISION_PATH))
                    .isEqualTo("manual_approved");
        }

        @Test
        void rejectionEndsTheOrderBeforeAnyStockIsTouched() {
            start();
            awaitStep(OrderStep.AWAITING_REVIEW);
            workflow.manualReviewDecision("rejected");

            OrderFulfillmentResult result = result();

            assertThat(result.status()).isEqualTo(REJECTED);
            assertThat(result.decisionPath()).isEqualTo(DecisionPath.MANUAL_REJECTED);
            assertThat(services.count("ReserveInventory")).isZero();
            assertThat(services.notifications)
                    .containsExactly(NotificationType.MANUAL_REVIEW, NotificationType.ORDER_REJECTED);
        }

        @Test
        void anUnknownDecisionIsIgnored() {
            start();
            awaitStep(OrderStep.AWAITING_REVIEW);
            workflow.manualReviewDecision("maybe");
            assertThat(progress().step()).isEqualTo(OrderStep.AWAITING_REVIEW);

            workflow.manualReviewDecision("APPROVED");

            assertThat(result().decisionPath()).isEqualTo(DecisionPath.MANUAL_APPROVED);
        }

        @Test
        void noDecisionWithinTheWindowRejects() {
            long started = env.currentTimeMillis();

            OrderFulfillmentResult result = run();

            assertThat(result.status()).isEqualTo(REJECTED);
            assertThat(result.decisionPath()).isEqualTo(DecisionPath.MANUAL_REJECTED);
            assertThat(result.message()).contains("timed out");
            assertThat(env.currentTimeMillis() - started)
                    .isGreaterThanOrEqualTo(POLICY.reviewWindow().toMillis());
        }
    }

    @Nested
    class Backorder {

        @Test
        void restockSignalResumesTheOrder() {
            services.shortReservations = 1;
            start();
            awaitIdleAt(OrderStep.AWAITING_RESTOCK);
            assertThat(services.lastState().status()).isEqualTo(BACKORDERED);
            long backordered = env.currentTimeMillis();

            workflow.restocked("prod-1");
            // no client waits on a result yet, so no time is skipped: only the signal can bring it to DONE
            awaitStep(OrderStep.DONE);
            assertThat(env.currentTimeMillis() - backordered)
                    .isLessThan(POLICY.restockRecheck().toMillis());
            OrderFulfillmentResult result = result();

            assertThat(result.status()).isEqualTo(COMPLETED);
            assertThat(result.decisionPath()).isEqualTo(DecisionPath.BACKORDER);
            assertThat(services.count("ReserveInventory")).isEqualTo(2);
            assertThat(services.notifications)
                    .containsExactly(NotificationType.BACKORDER, NotificationType.ORDER_CONFIRMED);
        }

        /** The customer is being told of the backorder when the stock comes back: the order must not sleep. */
        @Test
        void aRestockDuringTheBackorderNoticeIsNotLost() throws InterruptedException {
            assertARestockWhileHeldResumesTheOrder("SendNotification");
        }

        /** The stock comes back while the reservation that will find it short is running. */
        @Test
        void aRestockDuringTheReservationIsNotLost() throws InterruptedException {
            assertARestockWhileHeldResumesTheOrder("ReserveInventory");
        }

        private void assertARestockWhileHeldResumesTheOrder(String activity) throws InterruptedException {
            services.shortReservations = 1;
            FakeServices.Gate gate = services.hold(activity);
            start();
            gate.awaitEntered();
            long signalled = env.currentTimeMillis();
            workflow.restocked("prod-1");
            gate.open();

            // no client waits on a result, so no time is skipped: only the signal can bring it to DONE
            awaitStep(OrderStep.DONE);
            assertThat(env.currentTimeMillis() - signalled)
                    .isLessThan(POLICY.restockRecheck().toMillis());
            OrderFulfillmentResult result = result();
            assertThat(result.status()).isEqualTo(COMPLETED);
            assertThat(result.decisionPath()).isEqualTo(DecisionPath.BACKORDER);
            assertThat(services.count("ReserveInventory")).isEqualTo(2);
        }

        @Test
        void theRecheckTimerRecoversALostSignal() {
            services.shortReservations = 2;

            OrderFulfillmentResult result = run();

            assertThat(result.status()).isEqualTo(COMPLETED);
            assertThat(services.count("ReserveInventory")).isEqualTo(3);
        }

        /** Six hours on a one-minute recheck: 360 rounds, some 4,000 events, over a budget of 300 per run. */
        @Test
        void aLongWaitContinuesAsNewWithinItsHistoryBudgetAndStillExpiresOnTime() {
            input = withPolicy(
                    new FulfillmentPolicy(Duration.ofHours(24), Duration.ofHours(6), Duration.ofMinutes(1), 300));
            services.shortReservations = -1;
            services.riskScore = 15;

            OrderFulfillmentResult result = run();

            assertThat(result.status()).isEqualTo(CANCELLED);
            assertThat(result.message()).contains("backorder expired");
            assertThat(result.riskScore()).as("carried from the first run").isEqualTo(15);
            // workflow time from the first run's start to the last run's close (the test server's clock may jump
            // once nothing is left to run)
            List<List<HistoryEvent>> histories = histories();
            long opened = histories.get(0).get(0).getEventTime().getSeconds();
            List<HistoryEvent> last = histories.get(histories.size() - 1);
            long closed = last.get(last.size() - 1).getEventTime().getSeconds();
            assertThat(Duration.ofSeconds(closed - opened))
                    .isBetween(Duration.ofHours(6), Duration.ofHours(6).plusMinutes(2));
            assertThat(services.count("ReserveInventory")).isEqualTo(1 + 360);
            // each thing done once for the order, however many runs the wait took
            assertThat(services.count("FraudAssessment")).isEqualTo(1);
            assertThat(services.count("ReleaseInventory")).isEqualTo(1);
            assertThat(services.notifications)
                    .containsExactly(NotificationType.BACKORDER, NotificationType.ORDER_CANCELLED);
            List<Integer> runs = historyLengths();
            assertThat(runs)
                    .hasSizeGreaterThanOrEqualTo(10)
                    .allSatisfy(events -> assertThat(events).isLessThanOrEqualTo(300 + 20));
        }

        @Test
        void stockThatComesBackInALaterRunCompletesTheOrder() {
            input = withPolicy(
                    new FulfillmentPolicy(Duration.ofHours(24), Duration.ofHours(6), Duration.ofMinutes(1), 200));
            services.shortReservations = 60;

            OrderFulfillmentResult result = run();

            assertThat(result.status()).isEqualTo(COMPLETED);
            assertThat(result.decisionPath()).isEqualTo(DecisionPath.BACKORDER);
            assertThat(services.count("ReserveInventory")).isEqualTo(61);
            assertThat(services.count("ProcessPayment")).isEqualTo(1);
            assertThat(services.notifications)
                    .containsExactly(NotificationType.BACKORDER, NotificationType.ORDER_CONFIRMED);
            assertThat(historyLengths()).hasSizeGreaterThanOrEqualTo(3);
        }

        @Test
        void aCancellationInALaterRunReleasesTheStockOnce() {
            input = withPolicy(
                    new FulfillmentPolicy(Duration.ofHours(24), Duration.ofHours(6), Duration.ofMinutes(1), 200));
            services.shortReservations = -1;
            start();
            // the test server skips no time while nothing waits on a result: let it run a few rounds
            env.sleep(Duration.ofMinutes(45));
            workflow.cancel("changed my mind");

            OrderFulfillmentResult result = result();

            assertThat(result.status()).isEqualTo(CANCELLED);
            assertThat(result.message()).contains("changed my mind");
            assertThat(services.count("ReleaseInventory")).isEqualTo(1);
            assertThat(historyLengths()).hasSizeGreaterThanOrEqualTo(2);
        }

        @Test
        void expiryCancelsAndClearsTheWaitingList() {
            services.shortReservations = -1;

            OrderFulfillmentResult result = run();

            assertThat(result.status()).isEqualTo(CANCELLED);
            assertThat(result.decisionPath()).isEqualTo(DecisionPath.BACKORDER);
            assertThat(result.message()).contains("backorder expired");
            assertThat(services.count("ReleaseInventory")).isEqualTo(1);
            assertThat(services.count("ProcessPayment")).isZero();
            // one attempt at the start and one per re-check within the window
            assertThat(services.count("ReserveInventory"))
                    .isEqualTo(1 + POLICY.backorderWindow().dividedBy(POLICY.restockRecheck()));
        }
    }

    @Test
    void declinedPaymentReleasesTheStock() {
        services.declineReason = "test_decline";

        OrderFulfillmentResult result = run();

        assertThat(result.status()).isEqualTo(PAYMENT_FAILED);
        assertThat(result.decisionPath()).isEqualTo(DecisionPath.PAYMENT_DECLINED);
        assertThat(result.message()).isEqualTo("payment declined: test_decline");
        // the saga registered the refund before the charge: it runs, and finds nothing to refund
        assertThat(services.calls).containsSubsequence("ProcessPayment", "RefundPayment", "ReleaseInventory");
        assertThat(services.count("ReleaseInventory")).isEqualTo(1);
        assertThat(services.count("CreateShipment")).isZero();
        assertThat(services.notifications).containsExactly(NotificationType.PAYMENT_FAILED);
    }

    @Test
    void paymentGatewayFailingForGoodRefundsDefensivelyAndReleases() {
        services.failTransiently("ProcessPayment", Integer.MAX_VALUE);

        OrderFulfillmentResult result = run();

        assertThat(result.status()).isEqualTo(PAYMENT_FAILED);
        assertThat(result.decisionPath()).isEqualTo(DecisionPath.PAYMENT_ERROR);
        // the worker's failure text ("ProcessPayment briefly unavailable") stays in the logs
        assertThat(result.message()).isEqualTo("payment error: the payment could not be completed");
        assertThat(services.lastState().failureReason()).isEqualTo(result.message());
        assertThat(services.count("ProcessPayment")).isEqualTo(5);
        assertThat(services.count("RefundPayment")).isEqualTo(1);
        assertThat(services.count("ReleaseInventory")).isEqualTo(1);
    }

    @Test
    void aShippingFailureOfAnyOtherKindShowsNoInternals() {
        services.failPermanently("CreateShipment", "IllegalStateException");

        OrderFulfillmentResult result = run();

        assertThat(result.status()).isEqualTo(CANCELLED);
        assertThat(result.message()).isEqualTo("shipping failed: the shipment could not be booked");
        assertThat(services.lastState().failureReason()).doesNotContain("refused", "Exception");
    }

    @Test
    void shippingFailingForGoodRefundsReleasesAndCancels() {
        services.failPermanently("CreateShipment", "ShipmentRejected");

        OrderFulfillmentResult result = run();

        assertThat(result.status()).isEqualTo(CANCELLED);
        // shipping-worker writes a rejection's message for the customer: it is shown
        assertThat(result.message()).isEqualTo("shipping failed: CreateShipment refused");
        assertThat(services.calls)
                .containsSubsequence("ProcessPayment", "CreateShipment", "RefundPayment", "ReleaseInventory");
        assertThat(services.notifications).containsExactly(NotificationType.ORDER_CANCELLED);
    }

    @Test
    void aFraudAssessmentThatFailsForGoodHoldsTheOrderForAPerson() {
        services.failPermanently("FraudAssessment", "IllegalStateException");
        start();
        // the step is set as the held state's record is scheduled: wait for it to be done
        awaitIdleAt(OrderStep.AWAITING_REVIEW);

        assertThat(services.lastState().status()).isEqualTo(MANUAL_REVIEW);
        workflow.manualReviewDecision("approved");
        assertThat(result().status()).isEqualTo(COMPLETED);
        assertThat(services.count("FraudAssessment")).isEqualTo(1);
    }

    @Test
    void aFraudAssessmentNotAnsweredWithinItsBoundHoldsTheOrderToo() {
        services.failTransiently("FraudAssessment", Integer.MAX_VALUE);
        start();

        // retried for the half hour of its bound (skipped by the test server), then a person decides
        env.sleep(Duration.ofMinutes(31));
        awaitStep(OrderStep.AWAITING_REVIEW);
        assertThat(services.count("FraudAssessment")).isBetween(20L, 40L);
    }

    @Test
    void aReservationThatFailsForGoodCancelsTheOrderAndReleasesIt() {
        services.failPermanently("ReserveInventory", "InvalidOrderLines");

        OrderFulfillmentResult result = run();

        assertThat(result.status()).isEqualTo(CANCELLED);
        assertThat(result.message()).isEqualTo("cancelled: the items could not be reserved");
        assertThat(services.count("ReleaseInventory")).isEqualTo(1);
        assertThat(services.count("ProcessPayment")).isZero();
        assertThat(services.notifications).containsExactly(NotificationType.ORDER_CANCELLED);
    }

    @Test
    void transientFailuresAreRetriedUntilTheStepSucceeds() {
        services.failTransiently("FraudAssessment", 2);
        services.failTransiently("ReserveInventory", 3);
        services.failTransiently("CreateShipment", 1);

        OrderFulfillmentResult result = run();

        assertThat(result.status()).isEqualTo(COMPLETED);
        assertThat(services.count("FraudAssessment")).isEqualTo(3);
        assertThat(services.count("ReserveInventory")).isEqualTo(4);
        assertThat(services.count("CreateShipment")).isEqualTo(2);
    }

    @Test
    void aNotificationThatFailsForGoodDoesNotChangeTheOutcome() {
        services.failTransiently("SendNotification", Integer.MAX_VALUE);

        assertThat(run().status()).isEqualTo(COMPLETED);
        assertThat(services.count("SendNotification")).isEqualTo(5);
    }

    @Nested
    class Cancellation {

        @Test
        void whileAwaitingReviewNothingNeedsUndoing() {
            services.riskScore = 95;
            start();
            awaitStep(OrderStep.AWAITING_REVIEW);

            workflow.cancel("changed my mind");

            assertCancelled("cancelled: changed my mind");
            assertThat(services.count("ReleaseInventory") + services.count("RefundPayment"))
                    .isZero();
        }

        @Test
        void whileBackorderedTheWaitIsReleased() {
            services.shortReservations = -1;
            start();
            awaitStep(OrderStep.AWAITING_RESTOCK);

            workflow.cancel(null);

            assertCancelled("cancelled: requested by customer");
            assertThat(services.count("ReleaseInventory")).isEqualTo(1);
            assertThat(services.count("RefundPayment")).isZero();
        }

        @Test
        void duringFraudAssessmentNothingIsReserved() throws InterruptedException {
            cancelDuring("FraudAssessment");

            assertThat(services.count("ReserveInventory") + services.count("ProcessPayment"))
                    .isZero();
            assertThat(services.count("ReleaseInventory") + services.count("RefundPayment"))
                    .isZero();
        }

        @Test
        void duringReservationTheStockIsReleased() throws InterruptedException {
            cancelDuring("ReserveInventory");

            assertThat(services.count("ReleaseInventory")).isEqualTo(1);
            assertThat(services.count("ProcessPayment")).isZero();
        }

        @Test
        void duringPaymentTheChargeIsRefundedAndTheStockReleased() throws InterruptedException {
            cancelDuring("ProcessPayment");

            assertThat(services.calls).containsSubsequence("ProcessPayment", "RefundPayment", "ReleaseInventory");
            assertThat(services.count("CreateShipment")).isZero();
        }

        @Test
        void onceShippingHasStartedTheOrderCompletes() throws InterruptedException {
            FakeServices.Gate gate = services.hold("CreateShipment");
            start();
            gate.awaitEntered();
            workflow.cancel("too late");
            gate.open();

            assertThat(result().status()).isEqualTo(COMPLETED);
            assertThat(services.count("RefundPayment")).isZero();
        }

        @Test
        void ofTheWorkflowItselfTheOrderIsCompensatedAndRecorded() {
            services.shortReservations = -1;
            start();
            // waiting, its backorder notice sent: cancelled while the notice's activity completes, the run asks to
            // cancel an activity the Java test server already closed, which it refuses (ACTIVITY_UNKNOWN) and the
            // run stalls there; this test is about the wait, not that race
            awaitIdleAt(OrderStep.AWAITING_RESTOCK);

            WorkflowStub.fromTyped(workflow).cancel();

            assertThatThrownBy(OrderFulfillmentWorkflowTest.this::result)
                    .isInstanceOf(WorkflowFailedException.class)
                    .hasCauseInstanceOf(CanceledFailure.class);
            assertThat(services.count("ReleaseInventory")).isEqualTo(1);
            assertThat(services.lastState().status()).isEqualTo(CANCELLED);
            assertThat(services.lastState().failureReason()).isEqualTo("cancelled: by an operator in Temporal");
            assertThat(services.notifications).endsWith(NotificationType.ORDER_CANCELLED);
        }

        @Test
        void ofTheWorkflowOnceShippingHasStartedTheOrderStillCompletes() throws InterruptedException {
            FakeServices.Gate gate = services.hold("CreateShipment");
            start();
            gate.awaitEntered();

            WorkflowStub.fromTyped(workflow).cancel();
            gate.open();

            // the SDK closes a run whose cancellation was asked for as cancelled, even one that went on to complete
            assertThatThrownBy(OrderFulfillmentWorkflowTest.this::result).isInstanceOf(WorkflowFailedException.class);
            assertThat(services.count("RefundPayment") + services.count("ReleaseInventory"))
                    .isZero();
            assertThat(services.notifications).containsExactly(NotificationType.ORDER_CONFIRMED);
            assertThat(services.lastState().status()).isEqualTo(COMPLETED);
        }

        private void cancelDuring(String activity) throws InterruptedException {
            FakeServices.Gate gate = services.hold(activity);
            start();
            gate.awaitEntered();
            workflow.cancel("changed my mind");
            gate.open();
            assertCancelled("cancelled: changed my mind");
        }

        private void assertCancelled(String reason) {
            OrderFulfillmentResult result = result();
            assertThat(result.status()).isEqualTo(CANCELLED);
            assertThat(result.message()).isEqualTo(reason);
            assertThat(services.lastState().status()).isEqualTo(CANCELLED);
            assertThat(services.notifications).endsWith(NotificationType.ORDER_CANCELLED);
        }
    }

    /** What the API sends: the workflow's own state accepts or refuses each at once. */
    @Nested
    class Updates {

        @Test
        void aReviewDecisionIsTakenOnlyWhileTheOrderAwaitsReview() throws InterruptedException {
            services.riskScore = 95;
            FakeServices.Gate gate = services.hold("FraudAssessment");
            start();
            gate.awaitEntered();

            assertRefused(() -> workflow.decideReview("approved"), "not awaiting review (it is assessing fraud)");
            gate.open();
            awaitStep(OrderStep.AWAITING_REVIEW);
            assertRefused(() -> workflow.decideReview("maybe"), "a review decision is \"approved\" or \"rejected\"");
            assertThat(workflow.decideReview("approved").step()).isEqualTo(OrderStep.AWAITING_REVIEW);
            workflow.decideReview(" Approved "); // the same decision again, as a retried delivery sends it
            assertRefused(() -> workflow.decideReview("rejected"), "already approved");

            assertThat(result().decisionPath()).isEqualTo(DecisionPath.MANUAL_APPROVED);
        }

        @Test
        void aCancellationInReviewEndsTheOrderAndIsIdempotent() {
            services.riskScore = 95;
            start();
            awaitStep(OrderStep.AWAITING_REVIEW);

            workflow.requestCancellation("changed my mind");
            workflow.requestCancellation("really");

            OrderFulfillmentResult result = result();
            assertThat(result.status()).isEqualTo(CANCELLED);
            assertThat(result.message()).isEqualTo("cancelled: changed my mind");
        }

        @Test
        void aCancellationOnceShippingHasBegunIsRefused() throws InterruptedException {
            FakeServices.Gate gate = services.hold("CreateShipment");
            start();
            gate.awaitEntered();

            assertRefused(() -> workflow.requestCancellation("too late"), "shipping has begun");
            gate.open();

            assertThat(result().status()).isEqualTo(COMPLETED);
            assertThat(services.count("RefundPayment")).isZero();
        }

        private void assertRefused(Runnable update, String why) {
            assertThatThrownBy(update::run)
                    .isInstanceOf(WorkflowUpdateException.class)
                    .cause()
                    .isInstanceOf(ApplicationFailure.class)
                    .hasMessageContaining(why);
        }
    }

    /** New items while the order waits: it is assessed again from them, and charged for them. */
    @Nested
    class Amendment {

        private final List<OrderLine> smaller = List.of(new OrderLine("prod-1", 1, new BigDecimal("29.99"), 250));

        @Test
        void inReviewTheOrderIsAssessedAgainAndChargedTheNewTotal() {
            services.riskScore = 95;
            start();
            awaitStep(OrderStep.AWAITING_REVIEW);
            services.riskScore = 10;

            OrderProgress settled = workflow.amendItems(new AmendOrderInput(smaller));

            assertThat(settled.decisionPath()).isEqualTo(DecisionPath.AUTO_APPROVED);
            assertThat(result().status()).isEqualTo(COMPLETED);
            assertThat(services.assessments)
                    .extracting(a -> a.revision(), a -> a.totalAmount())
                    .containsExactly(tuple(0, new BigDecimal("59.98")), tuple(1, new BigDecimal("29.99")));
            assertThat(services.amendments).singleElement().satisfies(amended -> {
                assertThat(amended.revision()).isEqualTo(1);
                assertThat(amended.lines()).isEqualTo(smaller);
                assertThat(amended.totalAmount()).isEqualByComparingTo("29.99");
            });
            assertThat(services.charges)
                    .singleElement()
                    .extracting(c -> c.amount())
                    .isEqualTo(new BigDecimal("29.99"));
            assertThat(services.count("ReleaseInventory")).isZero(); // nothing was reserved in review
        }

        /** The row says manual_review before the notice is sent: an amendment from then on is taken. */
        @Test
        void isTakenWhileTheReviewNoticeIsStillBeingSent() throws Exception {
            services.riskScore = 95;
            FakeServices.Gate notice = services.hold("SendNotification");
            start();
            notice.awaitEntered();
            assertThat(services.lastState().status()).isEqualTo(MANUAL_REVIEW);
            services.riskScore = 10;

            WorkflowUpdateHandle<OrderProgress> accepted = WorkflowStub.fromTyped(workflow)
                    .startUpdate(
                            UpdateOptions.newBuilder(OrderProgress.class)
                                    .setUpdateName(OrderFulfillmentWorkflow.AMEND_UPDATE)
                                    .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                                    .build(),
                            new AmendOrderInput(smaller));
            notice.open();

            assertThat(accepted.getResult().decisionPath()).isEqualTo(DecisionPath.AUTO_APPROVED);
            assertThat(result().status()).isEqualTo(COMPLETED);
            assertThat(services.charges)
                    .singleElement()
                    .extracting(c -> c.amount())
                    .isEqualTo(new BigDecimal("29.99"));
        }

        @Test
        void whileBackorderedTheOldItemsAreReleasedAndTheNewOnesReserved() {
            services.shortReservations = -1;
            start();
            awaitStep(OrderStep.AWAITING_RESTOCK);
            services.shortReservations = 0;

            workflow.amendItems(new AmendOrderInput(smaller));

            assertThat(result().status()).isEqualTo(COMPLETED);
            assertThat(services.calls)
                    .containsSubsequence(
                            "ReleaseInventory",
                            "RecordOrderAmendment",
                            "FraudAssessment",
                            "ReserveInventory",
                            "ProcessPayment",
                            "CreateShipment");
            assertThat(services.count("ReleaseInventory")).isEqualTo(1);
        }

        @Test
        void stillShortTheAmendedOrderWaitsAgain() {
            services.shortReservations = -1;
            start();
            awaitStep(OrderStep.AWAITING_RESTOCK);

            OrderProgress settled = workflow.amendItems(new AmendOrderInput(smaller));

            assertThat(settled.step()).isEqualTo(OrderStep.AWAITING_RESTOCK);
            assertThat(settled.status()).isEqualTo(BACKORDERED);
            workflow.cancel("no hurry after all");
            assertThat(result().status()).isEqualTo(CANCELLED);
            assertThat(services.count("ReleaseInventory")).isEqualTo(2); // the old items', then the new ones'
        }

        @Test
        void isRefusedOncePaymentHasStartedOrWhileTheOrderIsBeingAssessed() throws InterruptedException {
            FakeServices.Gate fraud = services.hold("FraudAssessment");
            start();
            fraud.awaitEntered();
            assertAmendmentRefused("being assessed (it is assessing fraud)");
            FakeServices.Gate payment = services.hold("ProcessPayment");
            fraud.open();
            payment.awaitEntered();
            assertAmendmentRefused("payment has started");
            payment.open();

            assertThat(result().status()).isEqualTo(COMPLETED);
            assertThat(services.amendments).isEmpty();
        }

        @Test
        void invalidItemsAreRefusedWithTheReason() {
            services.riskScore = 95;
            start();
            awaitStep(OrderStep.AWAITING_REVIEW);

            assertThatThrownBy(() -> workflow.amendItems(
                            new AmendOrderInput(List.of(new OrderLine("prod-1", 0, new BigDecimal("29.99"), 250)))))
                    .isInstanceOf(WorkflowUpdateException.class)
                    .cause()
                    .hasMessageContaining("quantity of prod-1 must be greater than zero");
            assertThat(progress().step()).isEqualTo(OrderStep.AWAITING_REVIEW);
        }

        private void assertAmendmentRefused(String why) {
            assertThatThrownBy(() -> workflow.amendItems(new AmendOrderInput(smaller)))
                    .isInstanceOf(WorkflowUpdateException.class)
                    .cause()
                    .hasMessageContaining(why);
        }
    }

    /** The number of events in each run of the order's workflow. */
    private List<Integer> historyLengths() {
        return histories().stream().map(List::size).toList();
    }

    /** Each run's history, following the order's continue-as-new chain from its first run. */
    private List<List<HistoryEvent>> histories() {
        List<List<HistoryEvent>> runs = new java.util.ArrayList<>();
        String runId = WorkflowStub.fromTyped(workflow).getExecution().getRunId();
        String workflowId = OrderFulfillmentWorkflow.workflowId(input.orderId());
        while (runId != null) {
            List<HistoryEvent> events =
                    env.getWorkflowClient().fetchHistory(workflowId, runId).getEvents();
            runs.add(events);
            HistoryEvent last = events.get(events.size() - 1);
            runId = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
                    : null;
        }
        return runs;
    }

    private OrderFulfillmentInput withPolicy(FulfillmentPolicy policy) {
        return new OrderFulfillmentInput(
                input.orderId(),
                input.customerId(),
                input.customerTier(),
                input.totalAmount(),
                input.currency(),
                input.paymentMethod(),
                input.lines(),
                input.customerHistory(),
                policy);
    }

    private OrderFulfillmentResult run() {
        start();
        return result();
    }

    private void start() {
        workflow = env.getWorkflowClient()
                .newWorkflowStub(
                        OrderFulfillmentWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(OrderFulfillmentWorkflow.workflowId(input.orderId()))
                                .setTaskQueue(OrderFulfillmentWorkflow.TASK_QUEUE)
                                .build());
        WorkflowClient.start(workflow::fulfil, input);
    }

    private OrderFulfillmentResult result() {
        try {
            return WorkflowStub.fromTyped(workflow).getResult(1, TimeUnit.MINUTES, OrderFulfillmentResult.class);
        } catch (TimeoutException e) {
            throw new AssertionError("the workflow did not finish; it is at " + progress(), e);
        }
    }

    private SearchAttributes searchAttributes() {
        return WorkflowStub.fromTyped(workflow).describe().getTypedSearchAttributes();
    }

    private OrderProgress progress() {
        return workflow.progress();
    }

    /** Polls the progress query; the test server does not skip time while the test is not waiting on a result. */
    /** At {@code expected} with no activity in flight: the run waits on a timer, a signal or an update alone. */
    private void awaitIdleAt(OrderStep expected) {
        awaitStep(expected);
        DescribeWorkflowExecutionRequest describe = DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(WorkflowStub.fromTyped(workflow).getExecution())
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (env.getWorkflowServiceStubs()
                                .blockingStub()
                                .describeWorkflowExecution(describe)
                                .getPendingActivitiesCount()
                        > 0
                || progress().step() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("workflow never waited idle at " + expected + "; it is at " + progress());
            }
            pause();
        }
    }

    private void awaitStep(OrderStep expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (progress().step() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("workflow never reached " + expected + "; it is at " + progress());
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static OrderFulfillmentInput order(OrderLine... lines) {
        BigDecimal total = List.of(lines).stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new OrderFulfillmentInput(
                UUID.randomUUID(),
                "test-customer",
                CustomerTier.STANDARD,
                total,
                "USD",
                null,
                List.of(lines),
                CustomerHistory.none(),
                POLICY);
    }
}
