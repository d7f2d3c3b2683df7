package dev.orders.fulfillment.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where and on which ports the stack runs. {@link #fromEnvironment()} gives {@code make run}'s defaults; a test takes
 * those and picks its own data directory and ports with {@link #withDataDir} and {@link #withPorts}.
 *
 * @param root           the repository: each service's jar is {@code <root>/<service>/target/<service>-exec.jar}
 * @param dataDir        PostgreSQL's data, the Temporal CLI's database and the logs; kept between runs
 * @param basePort       api-service's port; the six workers take the next six
 * @param demoSimulation {@code SIM=demo}: the seed's failure and latency simulation, where the environment sets none
 * @param temporal       {@code TEMPORAL_FRONTEND}: which Temporal to start when {@code TEMPORAL_ADDRESS} names none
 * @param collector      {@code OTEL=collector}: run the OpenTelemetry Collector on otel-collector.yaml, first
 * @param restart        a service that exits is started again ({@link RestartBackoff}); {@code RESTART=no}: the
 *                       whole stack stops instead (fail fast)
 * @param echoServices   each service's output on the terminal, besides its log file
 * @param environment    what the services inherit; its {@code DATABASE_URL}, {@code SPRING_DATASOURCE_URL} and
 *                       {@code TEMPORAL_ADDRESS} name servers to use instead of starting them
 */
public record Settings(
        Path root,
        Path dataDir,
        int basePort,
        int postgresPort,
        int temporalPort,
        Duration readyTimeout,
        Duration stopTimeout,
        boolean demoSimulation,
        TemporalChoice temporal,
        boolean collector,
        boolean restart,
        boolean echoServices,
        Map<String, String> environment) {

    /**
     * {@code auto} (the default): the Temporal CLI's dev server when the CLI is there or Go can install it, else the
     * Java test server; {@code dev-server} insists on the CLI; {@code test-server} runs the test server anyway.
     */
    public enum TemporalChoice {
        AUTO,
        DEV_SERVER,
        TEST_SERVER;

        static TemporalChoice parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            for (TemporalChoice choice : values()) {
                if (choice.wireName().equals(value.trim())) {
                    return choice;
                }
            }
            throw new IllegalArgumentException(
                    "TEMPORAL_FRONTEND=" + value + " is unknown: auto, dev-server or test-server");
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Settings {
        environment = Map.copyOf(environment);
        // refused where the stack is described, not at the first process it would start
        fulfillmentNice(environment);
    }

    /** The repository found from the working directory, this process's environment, the usual ports. */
    public static Settings fromEnvironment() {
        return fromEnvironment(findRoot(), System.getenv());
    }

    public static Settings fromEnvironment(Path root, Map<String, String> environment) {
        return new Settings(
                root,
                root.resolve(".data"),
                8080,
                intValue(environment, "POSTGRES_PORT", 15432),
                7233,
                Duration.ofSeconds(intValue(environment, "READY_TIMEOUT_SECONDS", 180)),
                Duration.ofSeconds(20),
                switchedOn(environment, "SIM", "demo"),
                TemporalChoice.parse(environment.get("TEMPORAL_FRONTEND")),
                switchedOn(environment, "OTEL", "collector"),
                !switchedOn(environment, "RESTART", "no"),
                true,
                environment);
    }

    /**
     * {@code environment} without what would make a stack of the launcher's own behave otherwise than the tests,
     * drills and benchmark expect, whatever the developer's shell exports: simulation (and profiles that could turn
     * it on), an external database or Temporal, telemetry settings.
     */
    public static Map<String, String> isolated(Map<String, String> environment) {
        Map<String, String> isolated = new HashMap<>(environment);
        isolated.keySet()
                .removeIf(name -> name.endsWith("_FAILURE_RATE")
                        || name.contains("_LATENCY_")
                        || name.contains("_SIMULATION_")
                        || name.startsWith("SPRING_PROFILES_")
                        || name.equals("SIM")
                        || name.equals("DATABASE_URL")
                        || name.startsWith("SPRING_DATASOURCE_")
                        || name.equals("TEMPORAL_ADDRESS")
                        || name.equals("OTEL")
                        || name.startsWith("OTEL_"));
        return isolated;
    }

    public Settings withDataDir(Path dataDir) {
        return new Settings(
                root,
                dataDir,
                basePort,
                postgresPort,
                temporalPort,
                readyTimeout,
                stopTimeout,
                demoSimulation,
                temporal,
                collector,
                restart,
                echoServices,
                environment);
    }

    public Settings withTemporal(TemporalChoice temporal) {
        return new Settings(
                root,
                dataDir,
                basePort,
                postgresPort,
                temporalPort,
                readyTimeout,
                stopTimeout,
                demoSimulation,
                temporal,
                collector,
                restart,
                echoServices,
                environment);
    }

    public Settings withPorts(int basePort, int postgresPort, int temporalPort) {
        return new Settings(
                root,
                dataDir,
                basePort,
                postgresPort,
                temporalPort,
                readyTimeout,
                stopTimeout,
                demoSimulation,
                temporal,
                collector,
                restart,
                echoServices,
                environment);
    }

    /** The services' output in their log files only, not on the terminal too (the drills print tables there). */
    public Settings withoutServiceEcho() {
        return new Settings(
                root,
                dataDir,
                basePort,
                postgresPort,
                temporalPort,
                readyTimeout,
                stopTimeout,
                demoSimulation,
                temporal,
                collector,
                restart,
                false,
                environment);
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    /** {@code -Dfulfillment.root}, or the nearest directory holding {@code mvnw} from the working directory up. */
    public static Path findRoot() {
        String configured = System.getProperty("fulfillment.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no mvnw in " + start + " or above: run from inside the repository "
                + "or pass -Dfulfillment.root=<repository>");
    }

    /**
     * {@code FULFILLMENT_NICE}, 0 to 19 (default 10): how far below normal CPU priority the six workers and the
     * Temporal dev server run, so that api-service takes orders first while a backlog keeps the CPU busy
     * ({@link CpuPriority}); 0 runs everything alike.
     */
    public int fulfillmentNice() {
        return fulfillmentNice(environment);
    }

    private static int fulfillmentNice(Map<String, String> environment) {
        int niceness = intValue(environment, "FULFILLMENT_NICE", 10);
        if (niceness < 0 || niceness > CpuPriority.IDLE) {
            throw new IllegalArgumentException("FULFILLMENT_NICE=" + niceness + " is out of range: 0 to 19");
        }
        return niceness;
    }

    /** {@code SIM=demo}, {@code OTEL=collector}: unset or blank is off, the one word is on, anything else refused. */
    private static boolean switchedOn(Map<String, String> environment, String name, String word) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.equals(word)) {
            return true;
        }
        throw new IllegalArgumentException(name + "=" + value + " is unknown: the one choice is " + name + "=" + word);
    }

    private static int intValue(Map<String, String> environment, String name, int defaultValue) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a number");
        }
    }
}
