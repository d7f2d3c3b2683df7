package dev.orders.fulfillment.workflow;

import dev.orders.fulfillment.contracts.ChargePaymentInput;
import dev.orders.fulfillment.contracts.ChargePaymentResult;
import dev.orders.fulfillment.contracts.CreateShipmentInput;
import dev.orders.fulfillment.contracts.CreateShipmentResult;
import dev.orders.fulfillment.contracts.FraudActivities;
import dev.orders.fulfillment.contracts.FraudAssessmentInput;
import dev.orders.fulfillment.contracts.FraudAssessmentResult;
import dev.orders.fulfillment.contracts.InventoryActivities;
import dev.orders.fulfillment.contracts.NotificationActivities;
import dev.orders.fulfillment.contracts.NotificationType;
import dev.orders.fulfillment.contracts.OrderStateActivities;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.PaymentActivities;
import dev.orders.fulfillment.contracts.RecordOrderAmendmentInput;
import dev.orders.fulfillment.contracts.RecordOrderStateInput;
import dev.orders.fulfillment.contracts.RefundPaymentInput;
import dev.orders.fulfillment.contracts.RefundPaymentResult;
import dev.orders.fulfillment.contracts.ReleaseInventoryInput;
import dev.orders.fulfillment.contracts.ReserveInventoryInput;
import dev.orders.fulfillment.contracts.ReserveInventoryResult;
import dev.orders.fulfillment.contracts.SendNotificationInput;
import dev.orders.fulfillment.contracts.ShippingActivities;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Scriptable stand-ins for the five workers and api-service's state activity, registered on their real task
 * queues of a Temporal test environment (or of a real server, to record histories). They record every call so tests
 * can assert what the workflow did, and can hold an activity open so a test can signal the workflow at an exact step.
 */
final class FakeServices {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<RecordOrderStateInput> states = new CopyOnWriteArrayList<>();
    final List<NotificationType> notifications = new CopyOnWriteArrayList<>();
    final List<FraudAssessmentInput> assessments = new CopyOnWriteArrayList<>();
    final List<ChargePaymentInput> charges = new CopyOnWriteArrayList<>();
    final List<RecordOrderAmendmentInput> amendments = new CopyOnWriteArrayList<>();

    volatile int riskScore = 10;
    /** How many reservation attempts come back short before one succeeds; -1: never. */
    volatile int shortReservations = 0;

    volatile String declineReason;
    /** Failures thrown before the call succeeds, per activity; retryable unless noted. */
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    private final Map<String, ApplicationFailure> permanentFailures = new ConcurrentHashMap<>();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    void failTransiently(String activity, int times) {
        failuresLeft.put(activity, new AtomicInteger(times));
    }

    void failPermanently(String activity, String type) {
        permanentFailures.put(activity, ApplicationFailure.newNonRetryableFailure(activity + " refused", type));
    }

    /** The next call of {@code activity} waits inside the activity until the gate is opened. */
    Gate hold(String activity) {
        Gate gate = new Gate();
        gates.put(activity, gate);
        return gate;
    }

    long count(String activity) {
        return calls.stream().filter(activity::equals).count();
    }

    List<OrderStatus> recordedStatuses() {
        return states.stream().map(RecordOrderStateInput::status).toList();
    }

    RecordOrderStateInput lastState() {
        return states.get(states.size() - 1);
    }

    /** {@code workerFor} makes the worker of a task queue: the test environment's, or a real server's factory's. */
    void registerOn(Function<String, Worker> workerFor) {
        workerFor.apply(FraudActivities.TASK_QUEUE).registerActivitiesImplementations(new Fraud());
        workerFor.apply(InventoryActivities.TASK_QUEUE).registerActivitiesImplementations(new Inventory());
        workerFor.apply(PaymentActivities.TASK_QUEUE).registerActivitiesImplementations(new Payment());
        workerFor.apply(ShippingActivities.TASK_QUEUE).registerActivitiesImplementations(new Shipping());
        workerFor.apply(NotificationActivities.TASK_QUEUE).registerActivitiesImplementations(new Notifications());
        workerFor.apply(OrderStateActivities.TASK_QUEUE).registerActivitiesImplementations(new OrderState());
    }

    private void enter(String activity) {
        calls.add(activity);
        ApplicationFailure permanent = permanentFailures.get(activity);
        if (permanent != null) {
            throw permanent;
        }
        AtomicInteger left = failuresLeft.get(activity);
        if (left != null && left.getAndDecrement() > 0) {
            throw ApplicationFailure.newFailure(activity + " briefly unavailable", "SimulatedFailure");
        }
        Gate gate = gates.remove(activity);
        if (gate != null) {
            gate.entered.countDown();
            gate.awaitOpen();
        }
    }

    static final class Gate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        void awaitEntered() throws InterruptedException {
            if (!entered.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the held activity was never called");
            }
        }

        void open() {
            open.countDown();
        }

        private void awaitOpen() {
            try {
                open.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Fraud implements FraudActivities {
        @Override
        public FraudAssessmentResult assess(FraudAssessmentInput input) {
            enter("FraudAssessment");
            assessments.add(input);
            return new FraudAssessmentResult(riskScore, List.of());
        }
    }

    private final class Inventory implements InventoryActivities {
        private final AtomicInteger attempts = new AtomicInteger();

        @Override
        public ReserveInventoryResult reserve(ReserveInventoryInput input) {
            enter("ReserveInventory");
            int attempt = attempts.incrementAndGet();
            if (shortReservations < 0 || attempt <= shortReservations) {
                var line = input.lines().get(0);
                return new ReserveInventoryResult(
                        false, List.of(new ReserveInventoryResult.StockShortage(line.sku(), line.quantity(), 0)));
            }
            return new ReserveInventoryResult(true, List.of());
        }

        @Override
        public void release(ReleaseInventoryInput input) {
            enter("ReleaseInventory");
        }
    }

    private final class Payment implements PaymentActivities {
        @Override
        public ChargePaymentResult charge(ChargePaymentInput input) {
            enter("ProcessPayment");
            charges.add(input);
            return declineReason == null
                    ? new ChargePaymentResult(true, "txn-0123456789ab", null)
                    : new ChargePaymentResult(false, null, declineReason);
        }

        @Override
        public RefundPaymentResult refund(RefundPaymentInput input) {
            enter("RefundPayment");
            return new RefundPaymentResult(true, "rfd-0123456789ab", null);
        }
    }

    private final class Shipping implements ShippingActivities {
        @Override
        public CreateShipmentResult createShipment(CreateShipmentInput input) {
            enter("CreateShipment");
            return new CreateShipmentResult("ground", "GND-ABCDEF123456");
        }
    }

    private final class Notifications implements NotificationActivities {
        @Override
        public void send(SendNotificationInput input) {
            enter("SendNotification");
            notifications.add(input.type());
        }
    }

    private final class OrderState implements OrderStateActivities {
        @Override
        public void record(RecordOrderStateInput input) {
            calls.add("RecordOrderState");
            states.add(input);
        }

        @Override
        public void recordAmendment(RecordOrderAmendmentInput input) {
            calls.add("RecordOrderAmendment");
            amendments.add(input);
        }
    }
}
