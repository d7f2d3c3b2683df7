package dev.orders.fulfillment.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.orders.fulfillment.contracts.ChargePaymentInput;
import dev.orders.fulfillment.contracts.ChargePaymentResult;
import dev.orders.fulfillment.contracts.PaymentActivities;
import dev.orders.fulfillment.contracts.RefundPaymentInput;
import dev.orders.fulfillment.contracts.RefundPaymentResult;
import dev.orders.fulfillment.support.Simulation;
import dev.orders.fulfillment.testsupport.ActivityCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The activities as a workflow calls them (through Temporal's activity environment, so payloads go through the
 * data converter), on the real database. Each test uses its own order ids.
 */
@SpringBootTest(properties = {"spring.temporal.test-server.enabled=true", "payment.simulation-enabled=false"})
class PaymentActivitiesTest {

    @RegisterExtension
    final ActivityCalls calls = new ActivityCalls();

    @Autowired
    PaymentActivitiesImpl activitiesBean;

    @Autowired
    PaymentLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PaymentMetrics metrics;

    @Autowired
    MeterRegistry registry;

    @Autowired
    MockGateway gateway;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /**
     * The worker died after the gateway approved and before the ledger kept the charge: the retried activity asks
     * the gateway with the same key and gets the same authorisation, so the card is charged once.
     */
    @Test
    void aRetryAfterACrashBetweenGatewayAndLedgerDoesNotChargeAgain() {
        PaymentActivities payments = calls.stub(PaymentActivities.class, activitiesBean);
        ChargePaymentInput input = charge(UUID.randomUUID(), "120.00", "card");
        ChargePaymentResult beforeTheCrash =
                gateway.authorize(PaymentActivitiesImpl.idempotencyKey(input.orderId()), input.paymentMethod());

        ChargePaymentResult retried = payments.charge(input);

        assertThat(beforeTheCrash.approved()).isTrue();
        assertThat(retried).isEqualTo(beforeTheCrash);
        assertThat(jdbc.sql("select count(*) from payment.gateway_authorizations where idempotency_key = :key")
                        .param("key", PaymentActivitiesImpl.idempotencyKey(input.orderId()))
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void theGatewayAnswersAKeyItHasSeenAsItDidTheFirstTime() {
        String key = "order-" + UUID.randomUUID();

        ChargePaymentResult declined = gateway.authorize(key, MockGateway.TEST_DECLINE);

        assertThat(declined.approved()).isFalse();
        // a later call with the same key and another card does not change the answer
        assertThat(gateway.authorize(key, "card")).isEqualTo(declined);
        String other = "order-" + UUID.randomUUID();
        assertThat(gateway.authorize(other, "card").transactionId())
                .isEqualTo(gateway.authorize(other, "card").transactionId());
    }

    @Test
    void chargingTwiceChargesOnce() {
        PaymentActivities payments = calls.stub(PaymentActivities.class, activitiesBean);
        ChargePaymentInput input = charge(UUID.randomUUID(), "49.99", "card");
        double attempts = count("payment.attempts");
        double successes = count("payment.successes");
        double amount = count("payment.amount.total");

        ChargePaymentResult first = payments.charge(input);
        ChargePaymentResult retry = payments.charge(input);

        assertThat(first.approved()).isTrue();
        assertThat(first.transactionId()).matches("txn-[0-9a-f]{12}");
        assertThat(first.declineReason()).isNull();
        assertThat(retry).isEqualTo(first);
        assertThat(jdbc.sql("""
                        select count(*) from payment.charges
                        where order_id = :order and idempotency_key = :key and status = 'succeeded'""")
                        .param("order", input.orderId())
                        .param("key", "order-" + input.orderId())
                        .query(Integer.class)
                        .single())
                .isOne();
        // the retry found the ledger's answer: the gateway was asked once, and once is counted
        assertThat(count("payment.attempts")).isEqualTo(attempts + 1);
        assertThat(count("payment.successes")).isEqualTo(successes + 1);
        assertThat(count("payment.amount.total")).isCloseTo(amount + 49.99, within(1e-9));
    }

    @Test
    void aDeclineIsCountedByItsReason() {
        PaymentActivities payments = calls.stub(PaymentActivities.class, activitiesBean);
        double declines = registry.counter("payment.failures", "decline_reason", "test_decline")
                .count();

        payments.charge(charge(UUID.randomUUID(), "20.00", MockGateway.TEST_DECLINE));

        assertThat(registry.counter("payment.failures", "decline_reason", "test_decline")
                        .count())
                .isEqualTo(declines + 1);
        assertThat(registry.get("payment.latency")
                        .tag("outcome", "declined")
                        .timer()
                        .count())
                .isPositive();
    }

    /** Summed over all attribute values: other tests in this JVM count too, so tests compare before and after. */
    private double count(String counter) {
        return registry.find(counter).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    @Test
    void theTestDeclineMethodIsDeclinedAndStaysDeclined() {
        PaymentActivities payments = calls.stub(PaymentActivities.class, activitiesBean);
        ChargePaymentInput input = charge(UUID.randomUUID(), "20.00", MockGateway.TEST_DECLINE);

        ChargePaymentResult first = payments.charge(input);
        ChargePaymentResult retry = payments.charge(input);

        assertThat(first).isEqualTo(new ChargePaymentResult(false, null, "test_decline"));
        assertThat(retry).isEqualTo(first);
        assertThat(jdbc.sql("select status || ':' || decline_reason from payment.charges where order_id = :order")
                        .param("order", input.orderId())
                        .query(String.class)
                        .list())
                .containsExactly("declined:test_decline");
    }

    @Test
    void theSimulatedDeclineRateDeclinesWithARealisticReason() {
        Simulation alwaysDecline = Simulation.fromVariables(Map.of("PAYMENT_DECLINE_FAILURE_RATE", "1"), "PAYMENT");
        PaymentActivities payments = calls.stub(
                PaymentActivities.class,
                new PaymentActivitiesImpl(ledger, new MockGateway(alwaysDecline, jdbc, transactions), metrics));
        ChargePaymentInput input = charge(UUID.randomUUID(), "15.00", "card");

        ChargePaymentResult result = payments.charge(input);

        assertThat(result.approved()).isFalse();
        assertThat(result.transactionId()).isNull();
        assertThat(result.declineReason()).isIn(MockGateway.DECLINE_REASONS);
        assertThat(payments.charge(input)).isEqualTo(result);
    }

    @Test
    void refundingTwiceRefundsOnce() {
        PaymentActivities payments = calls.stub(PaymentActivities.class, activitiesBean);
        UUID order = UUID.randomUUID();
        payments.charge(charge(order, "120.50", "card"));

        RefundPaymentResult first = payments.refund(new RefundPaymentInput(order, "cancelled"));
        RefundPaymentResult retry = payments.refund(new RefundPaymentInput(order, "cancelled"));

        assertThat(first.refunded()).isTrue();
        assertThat(first.refundId()).matches("rfd-[0-9a-f]{12}");
        assertThat(first.amount()).isEqualTo(new BigDecimal("120.50"));
        assertThat(retry).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from payment.refunds where order_id = :order")
                        .param("order", order)
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void thereIsNothingToRefundWithoutACharge() {
        PaymentActivities payments = calls.stub(PaymentActivities.class, activitiesBean);

        RefundPaymentResult result = payments.refund(new RefundPaymentInput(UUID.randomUUID(), "cancelled"));

        assertThat(result).isEqualTo(new RefundPaymentResult(false, null, null));
    }

    @Test
    void aDeclinedChargeIsNotRefunded() {
        PaymentActivities payments = calls.stub(PaymentActivities.class, activitiesBean);
        UUID order = UUID.randomUUID();
        payments.charge(charge(order, "20.00", MockGateway.TEST_DECLINE));

        RefundPaymentResult result = payments.refund(new RefundPaymentInput(order, "payment failed"));

        assertThat(result).isEqualTo(new RefundPaymentResult(false, null, null));
        assertThat(jdbc.sql("select count(*) from payment.refunds where order_id = :order")
                        .param("order", order)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void amountsKeepTheirCents() {
        PaymentActivities payments = calls.stub(PaymentActivities.class, activitiesBean);
        UUID order = UUID.randomUUID();
        BigDecimal total = new BigDecimal("0.10").add(new BigDecimal("0.20"));
        payments.charge(new ChargePaymentInput(order, "test-customer", total, "USD", "card"));

        RefundPaymentResult refund = payments.refund(new RefundPaymentInput(order, "cancelled"));

        assertThat(refund.amount()).isEqualTo(new BigDecimal("0.30"));
        assertThat(jdbc.sql("select amount from payment.charges where order_id = :order")
                        .param("order", order)
                        .query(BigDecimal.class)
                        .single())
                .isEqualTo(new BigDecimal("0.30"));
    }

    @Test
    void aChargeTheLedgerCannotHoldFailsForGood() {
        PaymentActivities payments = calls.stub(PaymentActivities.class, activitiesBean);

        for (ChargePaymentInput invalid : new ChargePaymentInput[] {
            charge(UUID.randomUUID(), "0.00", "card"),
            charge(UUID.randomUUID(), "10.005", "card"),
            new ChargePaymentInput(UUID.randomUUID(), "test-customer", BigDecimal.TEN, "dollars", "card")
        }) {
            assertThatThrownBy(() -> payments.charge(invalid))
                    .isInstanceOf(ActivityFailure.class)
                    .cause()
                    .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                        assertThat(failure.getType()).isEqualTo("InvalidCharge");
                        assertThat(failure.isNonRetryable()).isTrue();
                    });
        }
    }

    private static ChargePaymentInput charge(UUID orderId, String amount, String paymentMethod) {
        return new ChargePaymentInput(orderId, "test-customer", new BigDecimal(amount), "USD", paymentMethod);
    }
}
