package dev.orders.fulfillment.payment;

import dev.orders.fulfillment.contracts.ChargePaymentInput;
import dev.orders.fulfillment.contracts.ChargePaymentResult;
import dev.orders.fulfillment.contracts.RefundPaymentResult;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Charges and refunds. Writes are inserts that do nothing on a conflict with an earlier attempt, so concurrent
 * retries converge on one row; callers read the stored row back and return that, never what they tried to write.
 */
@Repository
class PaymentLedger {

    private final JdbcClient jdbc;

    PaymentLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Charge(UUID id, BigDecimal amount, String currency) {}

    Optional<ChargePaymentResult> findCharge(String idempotencyKey) {
        return jdbc.sql("""
                        select status, transaction_id, decline_reason from payment.charges
                        where idempotency_key = :key""")
                .param("key", idempotencyKey)
                .query((rs, row) -> new ChargePaymentResult(
                        "succeeded".equals(rs.getString("status")),
                        rs.getString("transaction_id"),
                        rs.getString("decline_reason")))
                .optional();
    }

    /** False when a concurrent attempt for the same key recorded its outcome first: that one stands. */
    boolean recordCharge(String idempotencyKey, ChargePaymentInput input, ChargePaymentResult outcome) {
        return jdbc.sql("""
                        insert into payment.charges (id, order_id, idempotency_key, customer_id, amount, currency,
                                                     payment_method, status, transaction_id, decline_reason)
                        values (:id, :orderId, :key, :customerId, :amount, :currency,
                                :paymentMethod, :status, :transactionId, :declineReason)
                        on conflict (idempotency_key) do nothing""")
                        .param("id", UUID.randomUUID())
                        .param("orderId", input.orderId())
                        .param("key", idempotencyKey)
                        .param("customerId", input.customerId())
                        .param("amount", input.amount())
                        .param("currency", input.currency())
                        .param("paymentMethod", input.paymentMethod())
                        .param("status", outcome.approved() ? "succeeded" : "declined")
                        .param("transactionId", outcome.transactionId())
                        .param("declineReason", outcome.declineReason())
                        .update()
                == 1;
    }

    Optional<Charge> findSucceededCharge(UUID orderId) {
        return jdbc.sql("""
                        select id, amount, currency from payment.charges
                        where order_id = :orderId and status = 'succeeded'""").param("orderId", orderId).query(Charge.class).optional();
    }

    Optional<RefundPaymentResult> findRefund(UUID chargeId) {
        return jdbc.sql("select refund_id, amount from payment.refunds where charge_id = :chargeId")
                .param("chargeId", chargeId)
                .query((rs, row) ->
                        new RefundPaymentResult(true, rs.getString("refund_id"), rs.getBigDecimal("amount")))
                .optional();
    }

    /** Refunds the whole charge. */
    void recordRefund(Charge charge, UUID orderId, String reason, String refundId) {
        jdbc.sql("""
                        insert into payment.refunds (id, charge_id, order_id, amount, reason, refund_id)
                        values (:id, :chargeId, :orderId, :amount, :reason, :refundId)
                        on conflict (charge_id) do nothing""")
                .param("id", UUID.randomUUID())
                .param("chargeId", charge.id())
                .param("orderId", orderId)
                .param("amount", charge.amount())
                .param("reason", reason)
                .param("refundId", refundId)
                .update();
    }
}
