package dev.orders.fulfillment.payment;

import dev.orders.fulfillment.contracts.ChargePaymentInput;
import dev.orders.fulfillment.contracts.ChargePaymentResult;
import dev.orders.fulfillment.contracts.PaymentActivities;
import dev.orders.fulfillment.contracts.RefundPaymentInput;
import dev.orders.fulfillment.contracts.RefundPaymentResult;
import dev.orders.fulfillment.support.OrderSpans;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = PaymentActivities.TASK_QUEUE)
class PaymentActivitiesImpl implements PaymentActivities {

    private static final Logger log = LoggerFactory.getLogger(PaymentActivitiesImpl.class);

    private final PaymentLedger ledger;
    private final MockGateway gateway;
    private final PaymentMetrics metrics;

    PaymentActivitiesImpl(PaymentLedger ledger, MockGateway gateway, PaymentMetrics metrics) {
        this.ledger = ledger;
        this.gateway = gateway;
        this.metrics = metrics;
    }

    static String idempotencyKey(UUID orderId) {
        return "order-" + orderId;
    }

    @Override
    public ChargePaymentResult charge(ChargePaymentInput input) {
        Span span = Span.current();
        span.setAttribute(OrderSpans.CUSTOMER_ID, input.customerId());
        if (input.amount() != null) {
            span.setAttribute(OrderSpans.PAYMENT_AMOUNT, input.amount().doubleValue());
        }
        validate(input);
        String key = idempotencyKey(input.orderId());
        // an earlier attempt's outcome stands, a decline included: asking the gateway again could charge twice
        ChargePaymentResult charge = ledger.findCharge(key).orElseGet(() -> {
            Timer.Sample attempt = metrics.startAttempt();
            // the gateway gets the same key: a crash between its answer and the ledger's row cannot charge twice
            ChargePaymentResult outcome = gateway.authorize(key, input.paymentMethod());
            boolean kept = ledger.recordCharge(key, input, outcome);
            metrics.attempted(input, outcome, kept, attempt);
            // the row just written holds this outcome; a concurrent attempt that wrote first wins instead
            return kept ? outcome : ledger.findCharge(key).orElseThrow();
        });
        span.setAttribute(OrderSpans.PAYMENT_SUCCESS, charge.approved());
        if (charge.approved()) {
            span.setAttribute(OrderSpans.PAYMENT_TRANSACTION_ID, charge.transactionId());
            log.info(
                    "order {}: charged {} {}, transaction {}",
                    input.orderId(),
                    input.amount(),
                    input.currency(),
                    charge.transactionId());
        } else {
            span.setAttribute(OrderSpans.PAYMENT_DECLINE_REASON, charge.declineReason());
            log.info(
                    "order {}: payment of {} {} declined ({})",
                    input.orderId(),
                    input.amount(),
                    input.currency(),
                    charge.declineReason());
        }
        return charge;
    }

    @Override
    public RefundPaymentResult refund(RefundPaymentInput input) {
        Optional<PaymentLedger.Charge> succeeded = ledger.findSucceededCharge(input.orderId());
        if (succeeded.isEmpty()) {
            log.info("order {}: no successful charge, nothing to refund", input.orderId());
            return new RefundPaymentResult(false, null, null);
        }
        PaymentLedger.Charge charge = succeeded.get();
        String reason = input.reason() == null || input.reason().isBlank() ? "not given" : input.reason();
        RefundPaymentResult refund = ledger.findRefund(charge.id()).orElseGet(() -> {
            ledger.recordRefund(charge, input.orderId(), reason, gateway.newRefundId());
            return ledger.findRefund(charge.id()).orElseThrow();
        });
        log.info(
                "order {}: refunded {} {}, refund {} ({})",
                input.orderId(),
                refund.amount(),
                charge.currency(),
                refund.refundId(),
                reason);
        return refund;
    }

    /** A charge the ledger cannot hold is a caller's bug: retrying it cannot help. */
    private static void validate(ChargePaymentInput input) {
        BigDecimal amount = input.amount();
        if (amount == null
                || amount.signum() <= 0
                || amount.stripTrailingZeros().scale() > 2) {
            throw invalid("amount must be positive with at most 2 decimals, got " + amount);
        }
        if (input.currency() == null || input.currency().length() != 3) {
            throw invalid("currency must be a 3-letter code, got " + input.currency());
        }
        if (input.orderId() == null || input.customerId() == null) {
            throw invalid("a charge needs an order id and a customer id");
        }
    }

    private static ApplicationFailure invalid(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, "InvalidCharge");
    }
}
