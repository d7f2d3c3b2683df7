package dev.orders.fulfillment.localstack;

import static java.util.Map.entry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seven services: module name (= jar name = application name), port, heap, and the database schema each owns
 * (its {@code spring.flyway.schemas}; {@code ServiceEnvironmentTest} holds the two the same), none for the
 * workflow worker, which keeps its state in Temporal.
 */
public enum Service {
    API_SERVICE("api-service", 0, 192, "orders"),
    ORDER_WORKFLOW_WORKER("order-workflow-worker", 1, 128, null),
    FRAUD_WORKER("fraud-worker", 2, 128, "fraud"),
    INVENTORY_WORKER("inventory-worker", 3, 128, "inventory"),
    PAYMENT_WORKER("payment-worker", 4, 128, "payment"),
    SHIPPING_WORKER("shipping-worker", 5, 128, "shipping"),
    NOTIFICATION_WORKER("notification-worker", 6, 128, "notification");

    /** The seed's demo values, read by service-support's Simulation in each worker. */
    static final Map<String, String> DEMO_SIMULATION = Map.ofEntries(
            entry("FRAUD_FAILURE_RATE", "0.01"),
            entry("FRAUD_LATENCY_MIN_MS", "10"),
            entry("FRAUD_LATENCY_MAX_MS", "100"),
            entry("INVENTORY_FAILURE_RATE", "0.01"),
            entry("INVENTORY_OUT_OF_STOCK_FAILURE_RATE", "0.05"),
            entry("INVENTORY_LATENCY_MIN_MS", "5"),
            entry("INVENTORY_LATENCY_MAX_MS", "50"),
            entry("PAYMENT_FAILURE_RATE", "0.02"),
            entry("PAYMENT_DECLINE_FAILURE_RATE", "0.05"),
            entry("PAYMENT_LATENCY_MIN_MS", "50"),
            entry("PAYMENT_LATENCY_MAX_MS", "200"),
            entry("SHIPPING_FAILURE_RATE", "0.02"),
            entry("SHIPPING_LATENCY_MIN_MS", "20"),
            entry("SHIPPING_LATENCY_MAX_MS", "100"),
            entry("NOTIFICATION_FAILURE_RATE", "0.01"),
            entry("NOTIFICATION_LATENCY_MIN_MS", "5"),
            entry("NOTIFICATION_LATENCY_MAX_MS", "30"));

    private final String moduleName;
    private final int portOffset;
    private final int maxHeapMegabytes;
    private final String schema;

    Service(String moduleName, int portOffset, int maxHeapMegabytes, String schema) {
        this.moduleName = moduleName;
        this.portOffset = portOffset;
        this.maxHeapMegabytes = maxHeapMegabytes;
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

    /**
     * Seven JVMs share a laptop: small heaps, and C1 only, which starts faster and, on two cores, also runs faster
     * than C1 + C2. A small young generation: eden is what a busy JVM touches over and over, so its size is
     * resident memory (16 MB instead of a third of the heap: 22–38 MB less per service, CPU per order unchanged).
     * A first metaspace threshold above what Spring, Temporal and the agent load, so start-up runs no full
     * collections to find it (three or four each, 80–290 ms). (A heap that starts small, {@code -Xms32m}, saved
     * ~25 MB per worker but cost ~20% more CPU per order in young collections.) All measured in bench/results.
     * The images use the same flags (Dockerfile, compose's heap per service).
     */
    static final List<String> JVM_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xmn16m",
            "-XX:MetaspaceSize=128m",
            "-Xss512k",
            "-XX:+ExitOnOutOfMemoryError");

    String heapOption() {
        return "-Xmx" + maxHeapMegabytes + "m";
    }

    /** {@code SERVICE_JAVA_OPTS} comes last, so its options win (e.g. {@code -XX:TieredStopAtLevel=4} for C2). */
    List<String> jvmOptions(Settings settings) {
        List<String> options = new ArrayList<>();
        options.add(heapOption());
        options.addAll(JVM_FLAGS);
        options.addAll(Telemetry.jvmOptions(settings));
        String extra =
                settings.environment().getOrDefault("SERVICE_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /**
     * The launcher's environment, the demo simulation and the agent's settings where it sets no value itself, then
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
            DEMO_SIMULATION.forEach(environment::putIfAbsent);
        }
        // before the agent's settings, which depend on whether a collector is there (the stack's own, say)
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
