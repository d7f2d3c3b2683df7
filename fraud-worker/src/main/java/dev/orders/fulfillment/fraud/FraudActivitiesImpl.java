package dev.orders.fulfillment.fraud;

import dev.orders.fulfillment.contracts.FraudActivities;
import dev.orders.fulfillment.contracts.FraudAssessmentInput;
import dev.orders.fulfillment.contracts.FraudAssessmentResult;
import dev.orders.fulfillment.support.OrderSpans;
import io.opentelemetry.api.trace.Span;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = FraudActivities.TASK_QUEUE)
class FraudActivitiesImpl implements FraudActivities {

    private static final Logger log = LoggerFactory.getLogger(FraudActivitiesImpl.class);

    private final JdbcClient jdbc;

    FraudActivitiesImpl(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public FraudAssessmentResult assess(FraudAssessmentInput input) {
        Span span = Span.current();
        span.setAttribute(OrderSpans.CUSTOMER_ID, input.customerId());
        span.setAttribute(OrderSpans.CUSTOMER_TIER, input.customerTier().wireName());
        span.setAttribute(OrderSpans.ORDER_AMOUNT, input.totalAmount().doubleValue());
        // a retried or re-driven order keeps its first score, even if the customer's history has changed since;
        // amended items (a new revision) are scored afresh
        FraudAssessmentResult assessment =
                stored(input.orderId(), input.revision()).orElseGet(() -> scoreAndStore(input));
        span.setAttribute(OrderSpans.FRAUD_RISK_SCORE, (long) assessment.riskScore());
        span.setAttribute(OrderSpans.FRAUD_HIGH_RISK, assessment.requiresManualReview());
        span.setAttribute(OrderSpans.FRAUD_RISK_FACTORS, assessment.riskFactors());
        log.info(
                "order {} fraud risk score {}, factors {}",
                input.orderId(),
                assessment.riskScore(),
                assessment.riskFactors());
        return assessment;
    }

    private FraudAssessmentResult scoreAndStore(FraudAssessmentInput input) {
        FraudAssessmentResult score = FraudRules.score(input);
        jdbc.sql("""
                        INSERT INTO fraud.assessments
                            (order_id, revision, customer_id, customer_tier, total_amount, risk_score, risk_factors)
                        VALUES (:orderId, :revision, :customerId, :customerTier, :totalAmount, :riskScore, :riskFactors)
                        ON CONFLICT (order_id, revision) DO NOTHING
                        """)
                .param("orderId", input.orderId())
                .param("revision", input.revision())
                .param("customerId", input.customerId())
                .param("customerTier", input.customerTier().wireName())
                .param("totalAmount", input.totalAmount())
                .param("riskScore", score.riskScore())
                .param("riskFactors", score.riskFactors().toArray(String[]::new))
                .update();
        // a concurrent attempt for the same order may have stored its score first: that one counts
        return stored(input.orderId(), input.revision()).orElseThrow();
    }

    private Optional<FraudAssessmentResult> stored(UUID orderId, int revision) {
        return jdbc.sql("""
                        SELECT risk_score, risk_factors FROM fraud.assessments
                        WHERE order_id = :orderId AND revision = :revision""")
                .param("orderId", orderId)
                .param("revision", revision)
                .query((rs, row) -> new FraudAssessmentResult(rs.getInt("risk_score"), List.of((String[])
                        rs.getArray("risk_factors").getArray())))
                .optional();
    }
}
