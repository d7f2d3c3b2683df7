package dev.orders.fulfillment.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * What every service needs before its context starts:
 * <ul>
 *   <li>the shared defaults in {@code service-defaults.yaml}, added last so a service's own
 *       {@code application.yaml}, the environment and the command line all override them;</li>
 *   <li>secrets as files: each file in {@code SECRETS_DIR} ({@code /run/secrets} unless set, where compose and
 *       Kubernetes put them) is a property named as the file ({@code INVENTORY_API_PASSWORD},
 *       {@code spring.datasource.password}), Spring's config tree, ranked just below the OS environment;</li>
 *   <li>{@code DATABASE_URL} in the seed's form ({@code postgres://user:pass@host:5432/db?sslmode=disable})
 *       turned into the {@code spring.datasource.*} properties, ranked just below the OS environment so an
 *       explicit {@code SPRING_DATASOURCE_URL} still wins;</li>
 *   <li>traces, logs and metrics exported to {@code OTEL_EXPORTER_OTLP_ENDPOINT}, and nowhere without it (rather
 *       than a failed export logged every few seconds).</li>
 * </ul>
 */
public class ServiceEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String DEFAULTS = "service-defaults.yaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader()
                    .load("service-defaults", new ClassPathResource(DEFAULTS))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("OTEL_EXPORTER_OTLP_ENDPOINT", telemetryExport(environment)));
        Path secrets = Path.of(environment.getProperty(SECRETS_DIR, "/run/secrets"));
        if (Files.isDirectory(secrets)) {
            belowTheEnvironment(environment, new ConfigTreePropertySource("secrets " + secrets, secrets));
        }
        String databaseUrl = environment.getProperty("DATABASE_URL");
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            belowTheEnvironment(environment, new MapPropertySource("DATABASE_URL", datasourceProperties(databaseUrl)));
        }
    }

    static final String SECRETS_DIR = "SECRETS_DIR";

    private static void belowTheEnvironment(ConfigurableEnvironment environment, PropertySource<?> source) {
        var sources = environment.getPropertySources();
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
    }

    /**
     * Ranked with the defaults: {@code MANAGEMENT_OTLP_METRICS_EXPORT_*} and {@code OTEL_*_EXPORTER} variables still
     * override it ({@code OTEL_TRACES_EXPORTER=console} prints every span into the service's log).
     */
    static Map<String, Object> telemetryExport(ConfigurableEnvironment environment) {
        String endpoint =
                environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip();
        if (endpoint.isEmpty()) {
            return Map.of(
                    "management.otlp.metrics.export.enabled", false,
                    "otel.traces.exporter", "none",
                    "otel.logs.exporter", "none");
        }
        return Map.of("management.otlp.metrics.export.url", endpoint.replaceAll("/+$", "") + "/v1/metrics");
    }

    /** Accepts {@code postgres://}, {@code postgresql://} and plain {@code jdbc:postgresql://} URLs. */
    static Map<String, Object> datasourceProperties(String databaseUrl) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (databaseUrl.startsWith("jdbc:")) {
            properties.put("spring.datasource.url", databaseUrl);
            return properties;
        }
        URI uri = URI.create(databaseUrl);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must be a postgres:// URL, got scheme " + uri.getScheme());
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        properties.put(
                "spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            properties.put("spring.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                properties.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
            }
        }
        return properties;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
