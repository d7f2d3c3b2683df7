package dev.orders.fulfillment.support;

import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

@AutoConfiguration(afterName = "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration")
public class ServiceSupportAutoConfiguration {

    @Bean
    @ConditionalOnBean(WorkflowServiceStubs.class)
    TemporalHealthIndicator temporalHealthIndicator(WorkflowServiceStubs stubs) {
        return new TemporalHealthIndicator(stubs);
    }

    /** A worker opts in by naming its seed prefix, e.g. {@code simulation.prefix: FRAUD}. */
    @Bean
    @ConditionalOnProperty("simulation.prefix")
    Simulation simulation(Environment environment, @Value("${simulation.prefix}") String prefix) {
        return Simulation.fromEnvironment(environment::getProperty, prefix);
    }
}
