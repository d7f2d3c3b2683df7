package dev.orders.fulfillment.drill;

import dev.orders.fulfillment.localstack.RunningStack;
import dev.orders.fulfillment.localstack.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One drill: a fault injected into the running stack while loadgen's traffic flows, and what the fault itself saw
 * (the service back, the API's answers during an outage). {@link Drill} reconciles the orders after it.
 *
 * @param faultAt     how far into the traffic the fault comes
 * @param traffic     how long the traffic runs at least (an outage needs traffic before, during and after it)
 * @param realTemporal the fault is to the launcher's own Temporal dev server (the test server cannot be stopped)
 */
record Step(String name, Duration faultAt, Duration traffic, boolean realTemporal, Fault fault) {

    /** What the fault did and whether what it saw was right. */
    record Outcome(String what, boolean passed) {}

    @FunctionalInterface
    interface Fault {
        Outcome inject(RunningStack stack, Ledgers ledgers) throws Exception;
    }

    /** How long a killed service or a restarted server may take to be ready again before the drill says so. */
    static final Duration BACK_WITHIN = Duration.ofSeconds(180);

    /** The drills of {@code make drill}, in order: each service killed in turn, then the three outages. */
    static List<Step> all(Duration trafficEach, Duration outage) {
        List<Step> steps = new ArrayList<>();
        Duration faultAt = trafficEach.dividedBy(4);
        for (Service service : Service.values()) {
            steps.add(killService(service, faultAt, trafficEach));
        }
        Duration aroundOutage = outage.plus(faultAt.multipliedBy(2));
        Duration longer = aroundOutage.compareTo(trafficEach) > 0 ? aroundOutage : trafficEach;
        steps.add(new Step("kill Temporal", faultAt, trafficEach, true, Step::killTemporal));
        steps.add(new Step("PostgreSQL down", faultAt, longer, false, (stack, ledgers) -> postgresDown(stack, outage)));
        steps.add(new Step(
                "Temporal unreachable",
                faultAt,
                longer,
                true,
                (stack, ledgers) -> temporalUnreachable(stack, ledgers, outage)));
        return steps;
    }

    /**
     * The long run: {@code traffic} of orders with every service SIGKILLed once along the way, one after the other,
     * evenly spaced, each back before the next goes down.
     */
    static Step soak(Duration traffic) {
        Duration every = traffic.dividedBy(Service.values().length + 1);
        return new Step("soak, every service killed once", every, traffic, false, (stack, ledgers) -> {
            List<String> back = new ArrayList<>();
            boolean passed = true;
            for (Service service : Service.values()) {
                long due = System.nanoTime() + every.toNanos();
                Outcome one =
                        killService(service, Duration.ZERO, traffic).fault().inject(stack, ledgers);
                back.add(service.moduleName() + " "
                        + one.what().replaceFirst(".*ready again ", "").replace(" later", ""));
                passed &= one.passed();
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            }
            return new Outcome(
                    "SIGKILL to each service in turn, every " + every.toSeconds() + " s; back after: "
                            + String.join(", ", back),
                    passed);
        });
    }

    /** SIGKILL to the service's JVM; supervision must have it ready again. */
    static Step killService(Service service, Duration faultAt, Duration traffic) {
        return new Step("kill " + service.moduleName(), faultAt, traffic, false, (stack, ledgers) -> {
            long killedAt = System.nanoTime();
            long pid = stack.kill(service);
            Optional<Duration> back = stack.awaitReplaced(service, pid, BACK_WITHIN);
            return back.isPresent()
                    ? new Outcome(
                            String.format(
                                    Locale.ROOT,
                                    "SIGKILL to pid %d; supervision had it ready again" + " %.1f s later",
                                    pid,
                                    seconds(System.nanoTime() - killedAt)),
                            true)
                    : new Outcome(
                            "SIGKILL to pid " + pid + "; not ready again within " + BACK_WITHIN.toSeconds() + " s",
                            false);
        });
    }

    private static Outcome killTemporal(RunningStack stack, Ledgers ledgers) throws Exception {
        stack.killTemporal();
        long started = System.nanoTime();
        stack.startTemporal();
        return new Outcome(
                String.format(
                        Locale.ROOT,
                        "SIGKILL to temporal server start-dev; started again on the"
                                + " same database file, ready in %.1f s",
                        seconds(System.nanoTime() - started)),
                true);
    }

    private static Outcome postgresDown(RunningStack stack, Duration outage) throws Exception {
        OutageProbe probe = new OutageProbe(stack.baseUrl());
        stack.stopPostgres();
        try {
            probe.probeFor(outage, Duration.ofMillis(500));
        } finally {
            stack.startPostgres();
        }
        return new Outcome(
                "stopped for " + outage.toSeconds() + " s, then started on its data: " + probe.describe(),
                probe.passed());
    }

    private static Outcome temporalUnreachable(RunningStack stack, Ledgers ledgers, Duration outage) throws Exception {
        Instant from = Instant.now();
        stack.freezeTemporal(true);
        try {
            Thread.sleep(outage.toMillis());
        } finally {
            stack.freezeTemporal(false);
        }
        long accepted = ledgers.ordersCreatedBetween(from, Instant.now());
        return new Outcome(
                "frozen (SIGSTOP: connections open, nothing answers) for " + outage.toSeconds() + " s, then SIGCONT: "
                        + accepted + " orders accepted meanwhile",
                accepted > 0);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
