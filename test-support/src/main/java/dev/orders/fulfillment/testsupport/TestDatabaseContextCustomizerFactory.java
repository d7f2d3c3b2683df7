package dev.orders.fulfillment.testsupport;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context of a module that has test-support on its test classpath at
 * {@link TestDatabase}, so no test can reach for a database anywhere else, and none has to say so.
 * Registered in {@code META-INF/spring.factories}.
 */
class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new DatabaseCustomizer();
    }

    /** Stateless, so all instances are equal and test contexts stay cacheable. */
    private static final class DatabaseCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            // first, above configuration files, the services' defaults and even a test's own properties: no test
            // can end up on another database (make run's, or one a developer's environment names)
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "testDatabase",
                            Map.of(
                                    "spring.datasource.url", TestDatabase.jdbcUrl(),
                                    "spring.datasource.username", "postgres",
                                    "spring.datasource.password", "postgres")));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof DatabaseCustomizer;
        }

        @Override
        public int hashCode() {
            return DatabaseCustomizer.class.hashCode();
        }
    }
}
