package dev.orders.fulfillment.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The seed's demo values come from the profile the launchers name in the environment, below the variables. */
class SimulationDemoProfileTest {

    @Test
    void theProfileFillsInOnlyWhatTheEnvironmentLeavesUnset() {
        Binder binder =
                startedWith(Map.of("SPRING_PROFILES_INCLUDE", "simulation-demo", "PAYMENT_FAILURE_RATE", "0.5"));

        Simulation payment = Simulation.bind(binder, "PAYMENT");
        assertThat(payment.failureRate()).isEqualTo(0.5);
        assertThat(payment.rate("DECLINE_FAILURE_RATE")).isEqualTo(0.05);
        for (int i = 0; i < 1_000; i++) {
            assertThat(payment.latencyMs()).isBetween(50L, 199L);
        }
        Simulation inventory = Simulation.bind(binder, "INVENTORY");
        assertThat(inventory.failureRate()).isEqualTo(0.01);
        assertThat(inventory.rate("OUT_OF_STOCK_FAILURE_RATE")).isEqualTo(0.05);
    }

    @Test
    void withoutTheProfileTheWorkersSimulateNothing() {
        Binder binder = startedWith(Map.of("FRAUD_FAILURE_RATE", "0.3"));

        assertThat(Simulation.bind(binder, "FRAUD").failureRate()).isEqualTo(0.3);
        assertThat(Simulation.bind(binder, "FRAUD").latencyMs()).isZero();
        assertThat(Simulation.bind(binder, "PAYMENT").failureRate()).isZero();
        assertThat(Simulation.bind(binder, "INVENTORY").rate("OUT_OF_STOCK_FAILURE_RATE"))
                .isZero();
    }

    /** A Spring application whose operating-system environment is {@code variables}, and nothing else. */
    private static Binder startedWith(Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(variables)));
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        SpringApplication application = new SpringApplication(Object.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setEnvironment(environment);
        try (ConfigurableApplicationContext context = application.run()) {
            return Binder.get(context.getEnvironment());
        }
    }
}
