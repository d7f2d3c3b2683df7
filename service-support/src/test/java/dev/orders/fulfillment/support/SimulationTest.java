package dev.orders.fulfillment.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationTest {

    @Test
    void unsetMeansNoLatencyAndNoFailures() {
        Simulation simulation = Simulation.fromVariables(Map.<String, String>of(), "FRAUD");

        assertThat(simulation.enabled()).isTrue();
        assertThat(simulation.failureRate()).isZero();
        assertThat(simulation.latencyMs()).isZero();
        for (int i = 0; i < 1_000; i++) {
            simulation.beforeWork("FraudAssessment");
        }
    }

    @Test
    void zeroMeansZeroForTheExtraRatesToo() {
        Simulation simulation = Simulation.fromVariables(Map.of("PAYMENT_DECLINE_FAILURE_RATE", "0"), "PAYMENT");

        assertThat(simulation.rate("DECLINE_FAILURE_RATE")).isZero();
        assertThat(simulation.chance(0)).isFalse();
    }

    @Test
    void rateOneAlwaysFailsWithARetryableFailure() {
        Simulation simulation = Simulation.fromVariables(Map.of("SHIPPING_FAILURE_RATE", "1"), "SHIPPING");

        assertThatThrownBy(() -> simulation.beforeWork("CreateShipment"))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(Simulation.FAILURE_TYPE);
                    assertThat(failure.isNonRetryable()).isFalse();
                });
    }

    @Test
    void disablingTurnsEveryRateAndDelayOff() {
        Simulation simulation = Simulation.fromVariables(
                Map.of(
                        "INVENTORY_SIMULATION_ENABLED", "false",
                        "INVENTORY_FAILURE_RATE", "1",
                        "INVENTORY_OUT_OF_STOCK_FAILURE_RATE", "1",
                        "INVENTORY_LATENCY_MIN_MS", "5000",
                        "INVENTORY_LATENCY_MAX_MS", "9000"),
                "INVENTORY");

        assertThat(simulation.failureRate()).isZero();
        assertThat(simulation.rate("OUT_OF_STOCK_FAILURE_RATE")).isZero();
        assertThat(simulation.latencyMs()).isZero();
        simulation.beforeWork("ReserveInventory");
    }

    @Test
    void latencyStaysWithinTheConfiguredRange() {
        Simulation simulation = Simulation.fromVariables(
                Map.of("NOTIFICATION_LATENCY_MIN_MS", "5", "NOTIFICATION_LATENCY_MAX_MS", "30"), "NOTIFICATION");

        for (int i = 0; i < 1_000; i++) {
            assertThat(simulation.latencyMs()).isBetween(5L, 29L);
        }
    }

    @Test
    void badValuesAreRefusedWithTheVariableName() {
        assertThatThrownBy(() -> Simulation.fromVariables(Map.of("FRAUD_FAILURE_RATE", "1.5"), "FRAUD"))
                .hasMessageContaining("FRAUD_FAILURE_RATE");
        assertThatThrownBy(() -> Simulation.fromVariables(Map.of("FRAUD_LATENCY_MAX_MS", "fast"), "FRAUD"))
                .hasMessageContaining("FRAUD_LATENCY_MAX_MS");
    }
}
