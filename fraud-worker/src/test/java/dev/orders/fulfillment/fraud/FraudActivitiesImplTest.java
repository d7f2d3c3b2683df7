package dev.orders.fulfillment.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.fulfillment.contracts.CustomerHistory;
import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.FraudActivities;
import dev.orders.fulfillment.contracts.FraudAssessmentInput;
import dev.orders.fulfillment.contracts.FraudAssessmentResult;
import dev.orders.fulfillment.support.OrderSpans;
import dev.orders.fulfillment.support.OrderStepInterceptor;
import dev.orders.fulfillment.support.Simulation;
import dev.orders.fulfillment.testsupport.ActivityCalls;
import io.opentelemetry.api.OpenTelemetry;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The activity on a real PostgreSQL, called with a real activity context. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.temporal.test-server.enabled=true",
            // whatever the developer's shell exports, the context's own Simulation stays out of the way
            "fraud.simulation-enabled=false"
        })
class FraudActivitiesImplTest {

    @RegisterExtension
    final ActivityCalls calls = new ActivityCalls();

    @Autowired
    private FraudActivitiesImpl activities;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aRepeatedAssessmentReturnsTheStoredScoreEvenWhenTheHistoryChanged() {
        FraudActivities fraud = calls.stub(FraudActivities.class, activities);
        UUID orderId = UUID.randomUUID();

        FraudAssessmentResult first = fraud.assess(backorderExample(orderId, new CustomerHistory(5, 0, 0, 0)));
        FraudAssessmentResult again = fraud.assess(backorderExample(orderId, new CustomerHistory(0, 3, 2, 20)));

        assertThat(first)
                .isEqualTo(new FraudAssessmentResult(
                        45, List.of("high_value_order", "very_high_value_order", "loyal_customer")));
        assertThat(again).isEqualTo(first);
        assertThat(jdbc.sql("""
                        SELECT customer_id, customer_tier, total_amount, risk_score, array_to_string(risk_factors, ' ')
                        FROM fraud.assessments WHERE order_id = :orderId
                        """)
                        .param("orderId", orderId)
                        .query((rs, row) -> List.of(
                                rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getInt(4), rs.getString(5)))
                        .list())
                .containsExactly(List.of(
                        "test-customer",
                        "standard",
                        new BigDecimal("199990.00"),
                        45,
                        "high_value_order very_high_value_order loyal_customer"));
    }

    @Test
    void amendedItemsAreAssessedAfreshAndKeptBesideTheFirstAssessment() {
        FraudActivities fraud = calls.stub(FraudActivities.class, activities);
        UUID orderId = UUID.randomUUID();
        FraudAssessmentInput placed = backorderExample(orderId, CustomerHistory.none());

        FraudAssessmentResult first = fraud.assess(placed);
        FraudAssessmentResult amended = fraud.assess(new FraudAssessmentInput(
                orderId, placed.customerId(), placed.customerTier(), new BigDecimal("29.99"), placed.history(), 1));

        assertThat(first.riskScore()).isEqualTo(55);
        assertThat(amended.riskScore()).isLessThan(first.riskScore());
        assertThat(fraud.assess(placed)).isEqualTo(first);
        assertThat(jdbc.sql("SELECT revision FROM fraud.assessments WHERE order_id = :orderId ORDER BY revision")
                        .param("orderId", orderId)
                        .query(Integer.class)
                        .list())
                .containsExactly(0, 1);
    }

    @Test
    void aSimulatedOutageFailsTheAttemptRetryablyAndStoresNothing() {
        FraudActivities failing = calls.stub(
                FraudActivities.class,
                new FraudActivitiesImpl(jdbc),
                new OrderStepInterceptor(
                        Simulation.fromVariables(Map.of("FRAUD_FAILURE_RATE", "1"), "FRAUD"),
                        new OrderSpans(OpenTelemetry.noop())));
        UUID orderId = UUID.randomUUID();

        assertThatThrownBy(() -> failing.assess(backorderExample(orderId, CustomerHistory.none())))
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(Simulation.FAILURE_TYPE);
                    assertThat(failure.isNonRetryable()).isFalse();
                });
        assertThat(jdbc.sql("SELECT count(*) FROM fraud.assessments WHERE order_id = :orderId")
                        .param("orderId", orderId)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    /** The seed's backorder order: 55 points from the order itself. */
    private static FraudAssessmentInput backorderExample(UUID orderId, CustomerHistory history) {
        return new FraudAssessmentInput(
                orderId, "test-customer", CustomerTier.STANDARD, new BigDecimal("199990"), history);
    }
}
