package dev.orders.fulfillment.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rate step: offered rate, what completed and how fast. Sustainable when every order completed and the completion
 * rate kept up with the offered one (a backlog that grows makes the completion rate fall behind).
 */
record Step(double offeredPerSecond, int sent, int completed, double completedPerSecond, Latencies latency,
        Map<String, Double> cpuMsPerOrder, Latencies postLatency) {

    boolean sustainable() {
        return completed == sent && completedPerSecond >= 0.97 * offeredPerSecond;
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("offered_per_s", offeredPerSecond);
        map.put("sent", sent);
        map.put("completed", completed);
        map.put("completed_per_s", Math.round(completedPerSecond * 10) / 10.0);
        map.put("sustainable", sustainable());
        map.put("completion", latency.asMap());
        if (postLatency != null) {
            map.put("post_latency", postLatency.asMap());
        }
        if (!cpuMsPerOrder.isEmpty()) {
            map.put("cpu_ms_per_order", cpuMsPerOrder);
        }
        return map;
    }
}
