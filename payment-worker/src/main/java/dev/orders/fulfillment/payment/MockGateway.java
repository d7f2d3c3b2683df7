package dev.orders.fulfillment.payment;

import dev.orders.fulfillment.contracts.ChargePaymentResult;
import dev.orders.fulfillment.support.Simulation;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stands in for a card processor: decides an authorisation and issues transaction and refund ids. Idempotent as
 * real processors are: an authorisation asked with a key it has seen answers as the first did (approved with the
 * same transaction id, or declined for the same reason), without charging again. It remembers keys in
 * {@code payment.gateway_authorizations}, its own table in place of the processor's storage, committed before it
 * answers, as a remote system's would be, whatever becomes of the caller's transaction.
 */
@Component
class MockGateway {

    /** The seed's way to force a decline from the API. */
    static final String TEST_DECLINE = "test_decline";

    static final List<String> DECLINE_REASONS =
            List.of("insufficient_funds", "card_declined", "expired_card", "invalid_cvv");

    private static final Random RANDOM = new SecureRandom();

    private final Simulation simulation;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    MockGateway(Simulation simulation, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.simulation = simulation;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Authorises once per {@code idempotencyKey}; asked again with it, answers the first answer. */
    ChargePaymentResult authorize(String idempotencyKey, String paymentMethod) {
        return ownTransaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 1))")
                    .param("key", idempotencyKey)
                    .query()
                    .listOfRows();
            return remembered(idempotencyKey).orElseGet(() -> {
                ChargePaymentResult outcome = decide(paymentMethod);
                jdbc.sql("""
                                insert into payment.gateway_authorizations
                                    (idempotency_key, approved, transaction_id, decline_reason)
                                values (:key, :approved, :transaction, :reason)""")
                        .param("key", idempotencyKey)
                        .param("approved", outcome.approved())
                        .param("transaction", outcome.transactionId())
                        .param("reason", outcome.declineReason())
                        .update();
                return outcome;
            });
        });
    }

    private Optional<ChargePaymentResult> remembered(String idempotencyKey) {
        return jdbc.sql("""
                        select approved, transaction_id, decline_reason from payment.gateway_authorizations
                        where idempotency_key = :key""")
                .param("key", idempotencyKey)
                .query((row, n) -> new ChargePaymentResult(
                        row.getBoolean("approved"), row.getString("transaction_id"), row.getString("decline_reason")))
                .optional();
    }

    private ChargePaymentResult decide(String paymentMethod) {
        if (TEST_DECLINE.equals(paymentMethod)) {
            return declined(TEST_DECLINE);
        }
        if (simulation.chance(simulation.rate("DECLINE_FAILURE_RATE"))) {
            return declined(DECLINE_REASONS.get(RANDOM.nextInt(DECLINE_REASONS.size())));
        }
        return new ChargePaymentResult(true, "txn-" + randomHex(), null);
    }

    String newRefundId() {
        return "rfd-" + randomHex();
    }

    private static ChargePaymentResult declined(String reason) {
        return new ChargePaymentResult(false, null, reason);
    }

    /** 12 lower-case hex digits, as the seed's ids have. */
    private static String randomHex() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
