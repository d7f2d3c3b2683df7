package dev.orders.fulfillment.support;

import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The seed's failure and latency simulation, in one place for all five workers. Reads
 * {@code <PREFIX>_SIMULATION_ENABLED} (default true), {@code <PREFIX>_FAILURE_RATE},
 * {@code <PREFIX>_LATENCY_MIN_MS} and {@code <PREFIX>_LATENCY_MAX_MS} (all default 0: deterministic), and
 * any extra rate a worker asks for, such as {@code PAYMENT_DECLINE_FAILURE_RATE}. Unlike the seed, 0 means 0
 * and {@code SIMULATION_ENABLED=false} turns every rate and delay off.
 */
public final class Simulation {

    /** The failure type Temporal sees; retryable, so simulated outages exercise the retry policies. */
    public static final String FAILURE_TYPE = "SimulatedFailure";

    private final String prefix;
    private final Function<String, String> properties;
    private final boolean enabled;
    private final double failureRate;
    private final long latencyMinMs;
    private final long latencyMaxMs;

    private Simulation(String prefix, Function<String, String> properties) {
        this.prefix = prefix;
        this.properties = properties;
        this.enabled =
                !"false".equalsIgnoreCase(value("SIMULATION_ENABLED", "true").trim());
        this.failureRate = rate("FAILURE_RATE");
        this.latencyMinMs = Math.max(0, number("LATENCY_MIN_MS"));
        this.latencyMaxMs = Math.max(latencyMinMs, number("LATENCY_MAX_MS"));
    }

    /** @param properties looks a name up (the Spring environment, or a map in tests); null when unset */
    public static Simulation fromEnvironment(Function<String, String> properties, String prefix) {
        return new Simulation(prefix, properties);
    }

    public static Simulation disabled() {
        return new Simulation("NONE", name -> name.endsWith("_SIMULATION_ENABLED") ? "false" : null);
    }

    /**
     * Call at the start of an activity: waits the simulated latency, then fails transiently at the configured rate.
     */
    public void beforeWork(String operation) {
        long delayMs = latencyMs();
        if (delayMs > 0) {
            sleep(delayMs);
        }
        if (chance(failureRate)) {
            throw ApplicationFailure.newFailure(
                    "simulated " + prefix.toLowerCase() + " failure in " + operation, FAILURE_TYPE);
        }
    }

    /** {@code <PREFIX>_<suffix>} as a probability in [0, 1]; 0 when unset or when simulation is off. */
    public double rate(String suffix) {
        if (!enabled) {
            return 0;
        }
        String raw = value(suffix, "0").trim();
        try {
            double rate = Double.parseDouble(raw);
            if (Double.isNaN(rate) || rate < 0 || rate > 1) {
                throw new IllegalArgumentException(prefix + "_" + suffix + " must be between 0 and 1, got " + raw);
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + "_" + suffix + " is not a number: " + raw, e);
        }
    }

    /** True with the given probability; never for 0, always for 1. */
    public boolean chance(double rate) {
        return rate > 0 && (rate >= 1 || ThreadLocalRandom.current().nextDouble() < rate);
    }

    public boolean enabled() {
        return enabled;
    }

    public double failureRate() {
        return failureRate;
    }

    long latencyMs() {
        if (!enabled || latencyMaxMs == 0) {
            return 0;
        }
        return latencyMaxMs == latencyMinMs
                ? latencyMinMs
                : ThreadLocalRandom.current().nextLong(latencyMinMs, latencyMaxMs);
    }

    /** The activity heartbeats meanwhile ({@link ActivityHeartbeats}), as it does during real work. */
    private void sleep(long delayMs) {
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted during simulated latency", FAILURE_TYPE);
        }
    }

    private long number(String suffix) {
        String raw = value(suffix, "0").trim();
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + "_" + suffix + " is not a whole number: " + raw, e);
        }
    }

    private String value(String suffix, String fallback) {
        String value = properties.apply(prefix + "_" + suffix);
        return value == null || value.isBlank() ? fallback : value;
    }
}
