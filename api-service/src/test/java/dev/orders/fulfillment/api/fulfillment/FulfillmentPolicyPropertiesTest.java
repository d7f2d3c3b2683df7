package dev.orders.fulfillment.api.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A policy an order could not keep is refused when api-service starts, not discovered by a stuck order. */
class FulfillmentPolicyPropertiesTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void theDefaultsAreKept() {
        assertThat(new FulfillmentPolicyProperties(DAY, Duration.ofDays(7), Duration.ofMinutes(5), 2_000)
                        .toPolicy()
                        .historyEventBudget())
                .isEqualTo(2_000);
    }

    @Test
    void aWaitMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FulfillmentPolicyProperties(Duration.ZERO, DAY, MINUTE, 2_000))
                .withMessageContaining("positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FulfillmentPolicyProperties(DAY, DAY, MINUTE.negated(), 2_000))
                .withMessageContaining("positive");
    }

    @Test
    void theRecheckMustFitInItsWindow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FulfillmentPolicyProperties(DAY, MINUTE, Duration.ofHours(1), 2_000))
                .withMessageContaining("restock-recheck");
    }

    @Test
    void theHistoryBudgetMustHoldARoundAndStayFarBelowTemporalsLimit() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FulfillmentPolicyProperties(DAY, DAY, MINUTE, 50))
                .withMessageContaining("history-event-budget");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FulfillmentPolicyProperties(DAY, DAY, MINUTE, 60_000))
                .withMessageContaining("history-event-budget");
    }
}
