package dev.orders.fulfillment.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ServiceEnvironmentPostProcessorTest {

    @Test
    void seedStyleUrlBecomesJdbcUrlAndCredentials() {
        assertThat(ServiceEnvironmentPostProcessor.datasourceProperties(
                        "postgres://postgres:s%40cret@postgres:5432/orders?sslmode=disable"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://postgres:5432/orders?sslmode=disable")
                .containsEntry("spring.datasource.username", "postgres")
                .containsEntry("spring.datasource.password", "s@cret");
    }

    @Test
    void missingPortDefaultsTo5432AndJdbcUrlsPassThrough() {
        assertThat(ServiceEnvironmentPostProcessor.datasourceProperties("postgresql://db.internal/orders"))
                .containsExactly(Map.entry("spring.datasource.url", "jdbc:postgresql://db.internal:5432/orders"));
        assertThat(ServiceEnvironmentPostProcessor.datasourceProperties("jdbc:postgresql://h:1/d"))
                .containsExactly(Map.entry("spring.datasource.url", "jdbc:postgresql://h:1/d"));
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> ServiceEnvironmentPostProcessor.datasourceProperties("mysql://h/d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql");
    }

    @Test
    void defaultsRankBelowEverythingAndDatabaseUrlBelowTheOsEnvironment() {
        var environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new MapPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(
                                        "DATABASE_URL", "postgres://app:pw@db:6543/orders",
                                        "TEMPORAL_ADDRESS", "temporal:7233")));

        new ServiceEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:6543/orders");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("app");
        assertThat(environment.getProperty("spring.temporal.connection.target")).isEqualTo("temporal:7233");
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
    }

    @Test
    void secretsAreReadFromFilesNamedAsTheirPropertiesAndTheEnvironmentStillWins(@TempDir Path secrets)
            throws IOException {
        Files.writeString(secrets.resolve("INVENTORY_API_PASSWORD"), "from-a-file");
        Files.writeString(secrets.resolve("spring.datasource.password"), "db-secret");
        Files.writeString(secrets.resolve("DATABASE_URL"), "postgres://app@db:5432/orders");

        var environment = processed(Map.of("SECRETS_DIR", secrets.toString(), "TEMPORAL_ADDRESS", "t:7233"));
        assertThat(environment.getProperty("INVENTORY_API_PASSWORD")).isEqualTo("from-a-file");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("db-secret");
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/orders");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("app");

        var overridden = processed(Map.of("SECRETS_DIR", secrets.toString(), "INVENTORY_API_PASSWORD", "from-env"));
        assertThat(overridden.getProperty("INVENTORY_API_PASSWORD")).isEqualTo("from-env");
    }

    /** Credentials come from make run, compose or the deployment: none are built in. */
    @Test
    void thereAreNoDatabaseCredentialsByDefault() {
        var environment = processed(Map.of());
        assertThat(environment.getProperty("spring.datasource.url")).isNotBlank();
        assertThat(environment.getProperty("spring.datasource.username")).isNull();
        assertThat(environment.getProperty("spring.datasource.password")).isNull();
    }

    @Test
    void exportFollowsTheEndpointAndIsOffWithoutOne() {
        var nowhere = processed(Map.of());
        assertThat(nowhere.getProperty("management.otlp.metrics.export.enabled"))
                .isEqualTo("false");
        assertThat(nowhere.getProperty("otel.traces.exporter")).isEqualTo("none");
        assertThat(nowhere.getProperty("otel.logs.exporter")).isEqualTo("none");

        var exporting = processed(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318/"));
        assertThat(exporting.getProperty("management.otlp.metrics.export.url"))
                .isEqualTo("http://otel-collector:4318/v1/metrics");
        assertThat(exporting.getProperty("management.otlp.metrics.export.enabled"))
                .isNull();
        assertThat(exporting.getProperty("otel.traces.exporter")).isNull();
        assertThat(exporting.getProperty("otel.logs.exporter")).isNull();

        var printing = processed(Map.of("OTEL_TRACES_EXPORTER", "console"));
        assertThat(printing.getProperty("otel.traces.exporter")).isEqualTo("console");

        var overridden = processed(Map.of("MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED", "true"));
        assertThat(overridden.getProperty("management.otlp.metrics.export.enabled"))
                .isEqualTo("true");
    }

    private static StandardEnvironment processed(Map<String, Object> osEnvironment) {
        var environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, osEnvironment));
        new ServiceEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
