package dev.orders.fulfillment.contracts;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface PaymentActivities {

    String TASK_QUEUE = "payment-queue";

    /**
     * Charges once per order (the idempotency key is the order id): a retry returns the first outcome.
     * A decline is a result, not an exception.
     */
    @ActivityMethod(name = "ProcessPayment")
    ChargePaymentResult charge(ChargePaymentInput input);

    /** Compensation: refunds the order's successful charge, once. A no-op when there is nothing to refund. */
    @ActivityMethod(name = "RefundPayment")
    RefundPaymentResult refund(RefundPaymentInput input);
}
