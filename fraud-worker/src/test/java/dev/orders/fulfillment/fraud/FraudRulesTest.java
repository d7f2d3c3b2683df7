package dev.orders.fulfillment.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.contracts.CustomerHistory;
import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.FraudAssessmentInput;
import dev.orders.fulfillment.contracts.FraudAssessmentResult;
import dev.orders.fulfillment.contracts.WireNamed;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FraudRulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                     | customer         | tier     | amount  | completed | failures | rejections | last hour | score | factors
              seed: premium customer, small order      | premium-customer | premium  | 50      | 0         | 0        | 0          | 0         | 0     | premium_tier
              seed: new customer, huge order           | new-customer     | new      | 500000  | 0         | 0        | 0          | 0         | 105   | new_customer_id new_tier high_value_order very_high_value_order
              seed: backorder example                  | test-customer    | standard | 199990  | 0         | 0        | 0          | 0         | 55    | high_value_order very_high_value_order
              seed: payment failure example            | test-customer    | standard | 29.99   | 0         | 0        | 0          | 0         | 0     |
              customer id starting with new-           | new-joe          | standard | 10      | 0         | 0        | 0          | 0         | 30    | new_customer_id
              new- elsewhere in the id does not count  | renew-joe        | standard | 10      | 0         | 0        | 0          | 0         | 0     |
              new tier                                 | joe              | new      | 10      | 0         | 0        | 0          | 0         | 20    | new_tier
              exactly 1000 is not high value           | joe              | standard | 1000.00 | 0         | 0        | 0          | 0         | 0     |
              just over 1000 is high value             | joe              | standard | 1000.01 | 0         | 0        | 0          | 0         | 25    | high_value_order
              exactly 5000 is only high value          | joe              | standard | 5000.00 | 0         | 0        | 0          | 0         | 25    | high_value_order
              just over 5000 is very high value too    | joe              | standard | 5000.01 | 0         | 0        | 0          | 0         | 55    | high_value_order very_high_value_order
              premium tier                             | joe              | premium  | 1500    | 0         | 0        | 0          | 0         | 5     | high_value_order premium_tier
              other tiers change nothing               | joe              | gold     | 1500    | 0         | 0        | 0          | 0         | 25    | high_value_order
              one completed order: returning           | joe              | standard | 1500    | 1         | 0        | 0          | 0         | 20    | high_value_order returning_customer
              four completed orders: still returning   | joe              | standard | 1500    | 4         | 0        | 0          | 0         | 20    | high_value_order returning_customer
              five completed orders: loyal             | joe              | standard | 1500    | 5         | 0        | 0          | 0         | 15    | high_value_order loyal_customer
              each recent payment failure adds 10      | joe              | standard | 10      | 0         | 2        | 0          | 0         | 20    | recent_payment_failures
              each recent rejection adds 15            | joe              | standard | 10      | 0         | 0        | 1          | 0         | 15    | recent_rejections
              exactly 10 orders in the last hour: no   | joe              | standard | 10      | 0         | 0        | 0          | 10        | 0     |
              11 orders in the last hour: velocity     | joe              | standard | 10      | 0         | 0        | 0          | 11        | 10    | high_order_velocity
              cap: exactly 25 keeps every factor       | joe              | standard | 10      | 0         | 0        | 1          | 11        | 25    | recent_rejections high_order_velocity
              cap: a partly applied penalty is listed  | joe              | standard | 10      | 0         | 2        | 1          | 0         | 25    | recent_payment_failures recent_rejections
              cap: fully capped penalties are not      | joe              | standard | 10      | 0         | 3        | 2          | 50        | 25    | recent_payment_failures
              cap keeps the 55 example at 80           | test-customer    | standard | 199990  | 0         | 5        | 5          | 50        | 80    | high_value_order very_high_value_order recent_payment_failures
              loyalty is outside the cap               | joe              | standard | 10      | 5         | 3        | 0          | 0         | 15    | loyal_customer recent_payment_failures
              floor: never below 0                     | joe              | premium  | 10      | 5         | 0        | 0          | 0         | 0     | premium_tier loyal_customer
              floor applies to the total, not per rule | joe              | premium  | 10      | 5         | 1        | 0          | 0         | 0     | premium_tier loyal_customer recent_payment_failures
              no upper clamp                           | new-joe          | new      | 10000   | 0         | 2        | 1          | 11        | 130   | new_customer_id new_tier high_value_order very_high_value_order recent_payment_failures recent_rejections
            """)
    void scoresEveryRuleInOrder(
            String rule,
            String customerId,
            String tier,
            BigDecimal amount,
            int completed,
            int paymentFailures,
            int rejections,
            int ordersLastHour,
            int score,
            String factors) {
        FraudAssessmentInput input = new FraudAssessmentInput(
                UUID.randomUUID(),
                customerId,
                WireNamed.fromWire(CustomerTier.class, tier).orElseThrow(),
                amount,
                new CustomerHistory(completed, paymentFailures, rejections, ordersLastHour));

        FraudAssessmentResult result = FraudRules.score(input);

        assertThat(result.riskScore()).isEqualTo(score);
        List<String> expectedFactors = factors == null ? List.of() : List.of(factors.split(" "));
        assertThat(result.riskFactors()).containsExactlyElementsOf(expectedFactors);
    }

    @Test
    void onlyTheOrderItselfCanRaiseTheScoreAboveTheReviewThreshold() {
        CustomerHistory worstHistory = new CustomerHistory(0, 10, 10, 100);

        assertThat(FraudRules.score(input("new-customer", CustomerTier.NEW, "500000", CustomerHistory.none()))
                        .requiresManualReview())
                .isTrue();
        assertThat(FraudRules.score(input("test-customer", CustomerTier.STANDARD, "199990", worstHistory))
                        .requiresManualReview())
                .isFalse();
    }

    @Test
    void anOrderStartedWithoutHistoryScoresAsAFirstOrder() {
        FraudAssessmentResult result = FraudRules.score(input("joe", CustomerTier.STANDARD, "1500", null));

        assertThat(result).isEqualTo(new FraudAssessmentResult(25, List.of("high_value_order")));
    }

    private static FraudAssessmentInput input(
            String customerId, CustomerTier tier, String amount, CustomerHistory history) {
        return new FraudAssessmentInput(UUID.randomUUID(), customerId, tier, new BigDecimal(amount), history);
    }
}
