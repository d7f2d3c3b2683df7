package dev.orders.fulfillment.loadgen;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every accepted order against what the API shows at the end: the path it was meant to take, the state it is in.
 * Lost: the API does not know it. Unsettled: still on its way when the wait ended. Mismatched: settled somewhere
 * else than planned (with simulation on, expect a few: a simulated decline or shortage is a real outcome).
 */
record Reconciliation(Map<OrderPath, PathTally> byPath, List<Difference> mismatched, List<Difference> unsettled,
        List<String> lost) {

    record PathTally(long accepted, long matched, long mismatched, long unsettled, long lost) {
    }

    record Difference(String orderId, OrderPath path, String expected, String actual) {
    }

    static Reconciliation of(List<OpenLoopSender.Accepted> accepted, Map<String, Settler.Observed> observed,
            java.util.function.Predicate<String> settled) {
        Map<OrderPath, long[]> counts = new EnumMap<>(OrderPath.class);
        List<Difference> mismatched = new ArrayList<>();
        List<Difference> unsettled = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (OpenLoopSender.Accepted order : accepted) {
            long[] tally = counts.computeIfAbsent(order.planned().path(), path -> new long[5]);
            tally[0]++;
            Settler.Observed seen = observed.get(order.orderId());
            String expected = order.planned().expected().toString();
            if (seen != null && !seen.found()) {
                tally[4]++;
                lost.add(order.orderId());
            } else if (seen == null || !settled.test(order.orderId())) {
                tally[3]++;
                unsettled.add(new Difference(order.orderId(), order.planned().path(), expected,
                        seen == null ? "never seen" : seen.status() + "/" + seen.decisionPath()));
            } else if (expected.equals(seen.status() + "/" + seen.decisionPath())) {
                tally[1]++;
            } else {
                tally[2]++;
                mismatched.add(new Difference(order.orderId(), order.planned().path(), expected,
                        seen.status() + "/" + seen.decisionPath()));
            }
        }
        Map<OrderPath, PathTally> byPath = new EnumMap<>(OrderPath.class);
        counts.forEach((path, c) -> byPath.put(path, new PathTally(c[0], c[1], c[2], c[3], c[4])));
        return new Reconciliation(byPath, mismatched, unsettled, lost);
    }

    boolean nothingLost() {
        return lost.isEmpty() && unsettled.isEmpty();
    }
}
