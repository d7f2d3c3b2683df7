package dev.orders.fulfillment.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rate step: offered rate, what completed and how fast. Sustainable when every order completed, the completion
 * rate kept up with the offered one, and the orders sent last did not wait longer than the first: a backlog that
 * grows makes the later orders queue behind the earlier ones, even when the step is too short for the completion
 * rate to show it.
 */
record Step(double offeredPerSecond, int sent, int completed, double completedPerSecond, Latencies latency,
        boolean backlogGrew, Map<String, Double> cpuMsPerOrder, Latencies postLatency) {

    /** Slack for a pipeline that keeps up: later orders may take twice as long as the first, plus this. */
    private static final double BACKLOG_SLACK_MS = 100;

    boolean sustainable() {
        return completed == sent && completedPerSecond >= 0.97 * offeredPerSecond && !backlogGrew;
    }

    /** Compares the median completion time of the last quarter of the orders sent with that of the first quarter. */
    static boolean backlogGrew(List<Double> latenciesInSendOrder) {
        int quarter = latenciesInSendOrder.size() / 4;
        if (quarter == 0) {
            return false;
        }
        double first = Latencies.of(latenciesInSendOrder.subList(0, quarter)).p50();
        double last = Latencies.of(latenciesInSendOrder.subList(latenciesInSendOrder.size() - quarter,
                latenciesInSendOrder.size())).p50();
        return last > 2 * first + BACKLOG_SLACK_MS;
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("offered_per_s", offeredPerSecond);
        map.put("sent", sent);
        map.put("completed", completed);
        map.put("completed_per_s", Math.round(completedPerSecond * 10) / 10.0);
        map.put("backlog_grew", backlogGrew);
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
