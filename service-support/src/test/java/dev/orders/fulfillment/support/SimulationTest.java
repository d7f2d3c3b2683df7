package dev.orders.fulfillment.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationTest {

    @Test
    void unsetMeansNoLatencyAndNoFailures() {
        Simulation simulation = Simulation.fromEnvironment(Map.<String, String>of()::get, "FRAUD");

        assertThat(simulation.enabled()).isTrue();
        assertThat(simulation.failureRate()).isZero();
        assertThat(simulation.latencyMs()).isZero();
        for (int i = 0; i < 1_000; i++) {
            simulation.beforeWork("FraudAssessment");
        }
    }

    @Test
    void zeroMeansZeroForTheExtraRatesToo() {
        Simulation simulation = Simulation.fromEnvironment(Map.of("PAYMENT_DECLINE_FAILURE_RATE", "0")::get, "PAYMENT");

        assertThat(simulation.rate("DECLINE_FAILURE_RATE")).isZero();
        assertThat(simulation.chance(0)).isFalse();
    }

    @Test
    void rateOneAlwaysFailsWithARetryableFailure() {
        Simulation simulation = Simulation.fromEnvironment(Map.of("SHIPPING_FAILURE_RATE", "1")::get, "SHIPPING");

        assertThatThrownBy(() -> simulation.beforeWork("CreateShipment"))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(Simulation.FAILURE_TYPE);
                    assertThat(failure.isNonRetryable()).isFalse();
                });
    }

    @Test
    void disablingTurnsEveryRateAndDelayOff() {
        Simulation simulation = Simulation.fromEnvironment(
                Map.of(
                        "INVENTORY_SIMULATION_ENABLED", "false",
                        "INVENTORY_FAILURE_RATE", "1",
                        "INVENTORY_OUT_OF_STOCK_FAILURE_RATE", "1",
                        "INVENTORY_LATENCY_MIN_MS", "5000",
                        "INVENTORY_LATENCY_MAX_MS", "9000")::get,
                "INVENTORY");

        assertThat(simulation.failureRate()).isZero();
        assertThat(simulation.rate("OUT_OF_STOCK_FAILURE_RATE")).isZero();
        assertThat(simulation.latencyMs()).isZero();
        simulation.beforeWork("ReserveInventory");
    }

    @Test
    void latencyStaysWithinTheConfiguredRange() {
        Simulation simulation = Simulation.fromEnvironment(
                Map.of("NOTIFICATION_LATENCY_MIN_MS", "5", "NOTIFICATION_LATENCY_MAX_MS", "30")::get, "NOTIFICATION");

        for (int i = 0; i < 1_000; i++) {
            assertThat(simulation.latencyMs()).isBetween(5L, 29L);
        }
    }

    @Test
    void badValuesAreRefusedWithTheVariableName() {
        assertThatThrownBy(() -> Simulation.fromEnvironment(Map.of("FRAUD_FAILURE_RATE", "1.5")::get, "FRAUD"))
                .hasMessageContaining("FRAUD_FAILURE_RATE");
        assertThatThrownBy(() -> Simulation.fromEnvironment(Map.of("FRAUD_LATENCY_MAX_MS", "fast")::get, "FRAUD"))
                .hasMessageContaining("FRAUD_LATENCY_MAX_MS");
    }
}
