package dev.orders.fulfillment.payment;

import static dev.orders.fulfillment.support.MetricNames.CURRENCY;
import static dev.orders.fulfillment.support.MetricNames.DECLINE_REASON;
import static dev.orders.fulfillment.support.MetricNames.OUTCOME;
import static dev.orders.fulfillment.support.MetricNames.PAYMENT_METHOD;

import dev.orders.fulfillment.contracts.ChargePaymentInput;
import dev.orders.fulfillment.contracts.ChargePaymentResult;
import dev.orders.fulfillment.support.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The payment metrics. Attempts count the gateway's work; successes, failures and the amount count what the ledger
 * kept, so a charge is counted once however many attempts raced for it.
 */
@Component
class PaymentMetrics {

    private final MeterRegistry registry;

    PaymentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample startAttempt() {
        return Timer.start(registry);
    }

    void attempted(ChargePaymentInput input, ChargePaymentResult outcome, boolean kept, Timer.Sample attempt) {
        registry.counter(MetricNames.PAYMENT_ATTEMPTS, PAYMENT_METHOD, methodOf(input))
                .increment();
        attempt.stop(Timer.builder(MetricNames.PAYMENT_LATENCY)
                .tag(OUTCOME, outcome.approved() ? "approved" : "declined")
                .serviceLevelObjectives(
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1))
                .register(registry));
        if (!kept) {
            return;
        }
        if (outcome.approved()) {
            registry.counter(MetricNames.PAYMENT_SUCCESSES).increment();
            registry.counter(MetricNames.PAYMENT_AMOUNT_TOTAL, CURRENCY, input.currency())
                    .increment(input.amount().doubleValue());
        } else {
            registry.counter(MetricNames.PAYMENT_FAILURES, DECLINE_REASON, outcome.declineReason())
                    .increment();
        }
    }

    /** The few methods a customer names; anything else is {@code other}, to keep the attribute's values few. */
    private static String methodOf(ChargePaymentInput input) {
        String method = input.paymentMethod();
        if (method == null) {
            return "card";
        }
        return method.equals(MockGateway.TEST_DECLINE) || method.matches("card|paypal|bank_transfer")
                ? method
                : "other";
    }
}
