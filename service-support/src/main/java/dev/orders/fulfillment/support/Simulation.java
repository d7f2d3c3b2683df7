package dev.orders.fulfillment.support;

import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The seed's failure and latency simulation, in one place for all five workers. Binds
 * {@code <PREFIX>_SIMULATION_ENABLED} (default true), {@code <PREFIX>_FAILURE_RATE},
 * {@code <PREFIX>_LATENCY_MIN_MS} and {@code <PREFIX>_LATENCY_MAX_MS} (all default 0: deterministic), and
 * any extra rate a worker asks for, such as {@code PAYMENT_DECLINE_FAILURE_RATE}, with Spring's relaxed binding: the
 * environment variable or {@code payment.decline-failure-rate} in any property source. Unlike the seed, 0 means 0
 * and {@code SIMULATION_ENABLED=false} turns every rate and delay off. The profile {@code simulation-demo} holds the
 * seed's values ({@code application-simulation-demo.yaml}).
 */
public final class Simulation {

    /** The failure type Temporal sees; retryable, so simulated outages exercise the retry policies. */
    public static final String FAILURE_TYPE = "SimulatedFailure";

    /** What {@code <PREFIX>_*} binds to, under the prefix in lower case. */
    record Settings(
            @DefaultValue("true") boolean simulationEnabled,
            double failureRate,
            long latencyMinMs,
            long latencyMaxMs) {}

    private final String prefix;
    private final Binder binder;
    private final boolean enabled;
    private final double failureRate;
    private final long latencyMinMs;
    private final long latencyMaxMs;
    private final Map<String, Double> extraRates = new ConcurrentHashMap<>();

    private Simulation(String prefix, Binder binder) {
        this.prefix = prefix;
        this.binder = binder;
        Settings settings = bind(() -> binder.bindOrCreate(root(), Settings.class));
        this.enabled = settings.simulationEnabled();
        this.failureRate = enabled ? checkedRate("FAILURE_RATE", settings.failureRate()) : 0;
        this.latencyMinMs = Math.max(0, settings.latencyMinMs());
        this.latencyMaxMs = Math.max(latencyMinMs, settings.latencyMaxMs());
    }

    /** @param prefix the seed's variable prefix, e.g. {@code FRAUD} */
    public static Simulation bind(Binder binder, String prefix) {
        return new Simulation(prefix, binder);
    }

    /** From environment variables given as a map ({@code FRAUD_FAILURE_RATE=1}), as a test sets them. */
    public static Simulation fromVariables(Map<String, String> variables, String prefix) {
        PropertySource<?> source = new SystemEnvironmentPropertySource("variables", Map.copyOf(variables));
        return bind(new Binder(ConfigurationPropertySources.from(source)), prefix);
    }

    public static Simulation disabled() {
        return new Simulation("NONE", new Binder());
    }

    /**
     * Call at the start of an activity: waits the simulated latency, then fails transiently at the configured rate.
     * Workers do not call it themselves: {@link OrderStepInterceptor} does, around each of their activities.
     */
    public void beforeWork(String operation) {
        long delayMs = latencyMs();
        if (delayMs > 0) {
            sleep(delayMs);
        }
        if (chance(failureRate)) {
            throw ApplicationFailure.newFailure(
                    "simulated " + prefix.toLowerCase(Locale.ROOT) + " failure in " + operation, FAILURE_TYPE);
        }
    }

    /** {@code <PREFIX>_<suffix>} as a probability in [0, 1]; 0 when unset or when simulation is off. */
    public double rate(String suffix) {
        if (!enabled) {
            return 0;
        }
        // asked on every reservation and charge: bound once per name, the environment does not change
        return extraRates.computeIfAbsent(suffix, this::boundRate);
    }

    private double boundRate(String suffix) {
        String name = root() + "." + suffix.toLowerCase(Locale.ROOT).replace('_', '-');
        return checkedRate(suffix, bind(() -> binder.bind(name, Double.class).orElse(0.0)));
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

    private String root() {
        return prefix.toLowerCase(Locale.ROOT);
    }

    private double checkedRate(String suffix, double rate) {
        if (Double.isNaN(rate) || rate < 0 || rate > 1) {
            throw new IllegalArgumentException(prefix + "_" + suffix + " must be between 0 and 1, got " + rate);
        }
        return rate;
    }

    /** A value the binder cannot convert, reported by the variable name a user sets rather than the property's. */
    private <T> T bind(Supplier<T> binding) {
        try {
            return binding.get();
        } catch (BindException e) {
            String property = e.getName().toString();
            String variable =
                    property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException(variable + " is not valid: " + cause.getMessage(), e);
        }
    }
}
