package dev.orders.fulfillment.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seven services: module name (= jar name = application name), port, and the database schema each owns
 * (its {@code spring.flyway.schemas}; {@code ServiceEnvironmentTest} holds the two the same), none for the
 * workflow worker, which keeps its state in Temporal.
 */
public enum Service {
    API_SERVICE("api-service", 0, "orders"),
    ORDER_WORKFLOW_WORKER("order-workflow-worker", 1, null),
    FRAUD_WORKER("fraud-worker", 2, "fraud"),
    INVENTORY_WORKER("inventory-worker", 3, "inventory"),
    PAYMENT_WORKER("payment-worker", 4, "payment"),
    SHIPPING_WORKER("shipping-worker", 5, "shipping"),
    NOTIFICATION_WORKER("notification-worker", 6, "notification");

    /**
     * The Spring profile that holds the seed's demo simulation values (service-support's
     * {@code application-simulation-demo.yaml}, where they are written, once for make run and compose).
     */
    static final String DEMO_SIMULATION_PROFILE = "simulation-demo";

    private final String moduleName;
    private final int portOffset;
    private final String schema;

    Service(String moduleName, int portOffset, String schema) {
        this.moduleName = moduleName;
        this.portOffset = portOffset;
        this.schema = schema;
    }

    /** The schema the service owns, through a role of its own ({@link ServiceAccounts}). */
    Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /** Its PostgreSQL role: the module name as an SQL identifier. */
    String databaseRole() {
        return moduleName.replace('-', '_');
    }

    public String moduleName() {
        return moduleName;
    }

    public int port(Settings settings) {
        return settings.basePort() + portOffset;
    }

    /** e.g. {@code http://localhost:8080}. */
    public String url(Settings settings) {
        return "http://localhost:" + port(settings);
    }

    public String readinessUrl(Settings settings) {
        return readinessUrl(port(settings));
    }

    /** The readiness group (its own state, the database, Temporal) of an instance listening on {@code port}. */
    static String readinessUrl(int port) {
        return "http://localhost:" + port + "/actuator/health/readiness";
    }

    Path jar(Settings settings) {
        return settings.root().resolve(moduleName).resolve("target").resolve(moduleName + "-exec.jar");
    }

    /** The flags every service shares, a java argument file (the images start from the same one). */
    static final String SHARED_JVM_OPTIONS = "jvm.options";

    /** The shared flags, then the service's own heap (its module's {@code jvm.options}). */
    List<Path> jvmOptionFiles(Settings settings) {
        return List.of(
                settings.root().resolve(SHARED_JVM_OPTIONS),
                settings.root().resolve(moduleName).resolve(SHARED_JVM_OPTIONS));
    }

    /** {@link #jvmOptions(Settings, List)} with no options of the launcher's. */
    List<String> jvmOptions(Settings settings) {
        return jvmOptions(settings, List.of());
    }

    /**
     * The files' flags, the launcher's {@code own} (the class archive), then {@code SERVICE_JAVA_OPTS}, last so its
     * options win (e.g. {@code -XX:TieredStopAtLevel=4} for C2, {@code -Xshare:off} for no class archive).
     */
    List<String> jvmOptions(Settings settings, List<String> own) {
        List<String> options = new ArrayList<>();
        jvmOptionFiles(settings).forEach(file -> options.add("@" + file));
        options.addAll(own);
        String extra =
                settings.environment().getOrDefault("SERVICE_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /**
     * The launcher's environment, the demo simulation and the telemetry settings where it sets no value itself, then
     * what the stack decides:
     * {@code connections} (database, Temporal, the collector) and the ports.
     */
    Map<String, String> environment(Settings settings, Map<String, String> connections) {
        return environment(settings, connections, port(settings));
    }

    /** {@link #environment(Settings, Map)} for an instance listening on {@code port} (the benchmark's extra one). */
    Map<String, String> environment(Settings settings, Map<String, String> connections, int port) {
        Map<String, String> environment = new HashMap<>(settings.environment());
        if (settings.demoSimulation()) {
            // below the environment: a variable the launcher's shell sets still wins over the profile's values
            environment.merge("SPRING_PROFILES_INCLUDE", DEMO_SIMULATION_PROFILE, (own, demo) -> own + "," + demo);
        }
        environment.putAll(connections);
        Telemetry.configure(this, environment);
        // glibc's default of 8 malloc arenas per core holds memory the JVM's few native allocations do not need
        environment.putIfAbsent("MALLOC_ARENA_MAX", "2");
        environment.put("SERVER_PORT", Integer.toString(port));
        if (this == API_SERVICE) {
            environment.put("INVENTORY_URL", INVENTORY_WORKER.url(settings));
            environment.put(SECURITY_MODE, securityMode(settings));
        }
        return environment;
    }

    static final String SECURITY_MODE = "ORDERS_SECURITY_MODE";
    static final String INVENTORY_API_PASSWORD = "INVENTORY_API_PASSWORD";

    /**
     * The credential api-service signs in to inventory-worker's stock API with: made up for this run (nothing to
     * leak or reuse) unless the launcher's environment sets one.
     */
    static Map<String, String> credentials(Settings settings) {
        String password = settings.environment().get(INVENTORY_API_PASSWORD);
        if (password == null) {
            password = Passwords.newPassword();
        }
        return Map.of(INVENTORY_API_PASSWORD, password);
    }

    /**
     * api-service's {@code orders.security.mode}: open for the local demo (the seed's curls carry no token), unless
     * the launcher's environment sets it (README, "Authentication").
     */
    static String securityMode(Settings settings) {
        return settings.environment().getOrDefault(SECURITY_MODE, "open");
    }
}
