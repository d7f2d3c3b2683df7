package dev.orders.fulfillment.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One rate step: offered rate, what completed and how fast. Sustainable when every order completed, the completion
 * rate kept up with the offered one, and the backlog did not grow while the orders were being sent.
 */
record Step(
        @JsonProperty("offered_per_s") double offeredPerSecond,
        int sent,
        int completed,
        @JsonProperty("completed_per_s") double completedPerSecond,
        @JsonProperty("completion") Latencies latency,
        boolean backlogGrew,
        Map<String, Double> cpuMsPerOrder,
        Latencies postLatency) {

    Step {
        cpuMsPerOrder = cpuMsPerOrder == null ? Map.of() : cpuMsPerOrder; // the limit's steps, and older results
    }

    /** As the table shows it, to a tenth. */
    double completedPerSecondShown() {
        return Math.round(completedPerSecond * 10) / 10.0;
    }

    /** One order's time in the pipeline, in milliseconds from the step's first intended send. */
    record Span(double fromMs, double toMs) {}

    @JsonProperty("sustainable")
    boolean sustainable() {
        return completed == sent && completedPerSecond >= 0.97 * offeredPerSecond && !backlogGrew;
    }

    /**
     * Whether the orders in flight grew while {@code sendingMs} of sending went on: a pipeline that keeps up holds
     * about rate × latency orders in flight throughout (Little's law), one falling behind holds more and more. The
     * time-averaged count over the last quarter of the sending is compared with the second quarter's (the first is
     * left to the pipeline filling up); it may be half as large again, and two orders more.
     */
    static boolean backlogGrew(List<Span> orders, double sendingMs) {
        double second = averageInFlight(orders, sendingMs * 0.25, sendingMs * 0.5);
        double last = averageInFlight(orders, sendingMs * 0.75, sendingMs);
        return last > 1.5 * second + 2;
    }

    private static double averageInFlight(List<Span> orders, double fromMs, double toMs) {
        double busy = 0;
        for (Span order : orders) {
            busy += Math.max(0, Math.min(order.toMs(), toMs) - Math.max(order.fromMs(), fromMs));
        }
        return busy / (toMs - fromMs);
    }
}
