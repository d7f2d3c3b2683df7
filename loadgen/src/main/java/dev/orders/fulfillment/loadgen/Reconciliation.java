package dev.orders.fulfillment.loadgen;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every accepted order against what the API shows at the end: the path it was meant to take, the state it is in.
 * Lost: the API does not know it. Unsettled: still on its way when the wait ended. Mismatched: settled somewhere
 * else than planned (with simulation on, expect a few: a simulated decline or shortage is a real outcome).
 */
public record Reconciliation(
        @JsonIgnore Map<OrderPath, PathTally> byPath,
        List<Difference> mismatched,
        List<Difference> unsettled,
        List<String> lost) {

    /** What became of one order. */
    enum Outcome {
        MATCHED,
        MISMATCHED,
        UNSETTLED,
        LOST
    }

    /** The orders of one path by outcome ({@link Report} writes these per path, with their latencies). */
    public record PathTally(long accepted, long matched, long mismatched, long unsettled, long lost) {

        static PathTally of(Outcome outcome) {
            return new PathTally(
                    1,
                    outcome == Outcome.MATCHED ? 1 : 0,
                    outcome == Outcome.MISMATCHED ? 1 : 0,
                    outcome == Outcome.UNSETTLED ? 1 : 0,
                    outcome == Outcome.LOST ? 1 : 0);
        }

        PathTally plus(PathTally other) {
            return new PathTally(
                    accepted + other.accepted,
                    matched + other.matched,
                    mismatched + other.mismatched,
                    unsettled + other.unsettled,
                    lost + other.lost);
        }
    }

    public record Difference(String orderId, OrderPath path, String expected, String actual) {}

    static Reconciliation of(
            List<OpenLoopSender.Accepted> accepted, Map<String, Settler.Observed> observed, Predicate<String> settled) {
        Map<OrderPath, PathTally> byPath = new EnumMap<>(OrderPath.class);
        List<Difference> mismatched = new ArrayList<>();
        List<Difference> unsettled = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (OpenLoopSender.Accepted order : accepted) {
            Settler.Observed seen = observed.get(order.orderId());
            String expected = order.planned().expected().toString();
            String actual = seen == null ? "never seen" : seen.status() + "/" + seen.decisionPath();
            Outcome outcome;
            if (seen != null && !seen.found()) {
                outcome = Outcome.LOST;
                lost.add(order.orderId());
            } else if (seen == null || !settled.test(order.orderId())) {
                outcome = Outcome.UNSETTLED;
                unsettled.add(new Difference(order.orderId(), order.planned().path(), expected, actual));
            } else if (expected.equals(actual)) {
                outcome = Outcome.MATCHED;
            } else {
                outcome = Outcome.MISMATCHED;
                mismatched.add(new Difference(order.orderId(), order.planned().path(), expected, actual));
            }
            byPath.merge(order.planned().path(), PathTally.of(outcome), PathTally::plus);
        }
        return new Reconciliation(byPath, mismatched, unsettled, lost);
    }

    public boolean nothingLost() {
        return lost.isEmpty() && unsettled.isEmpty();
    }

    /** Every accepted order settled where it was meant to: nothing lost, nothing still on its way, no mismatch. */
    public boolean allAsPlanned() {
        return nothingLost() && mismatched.isEmpty();
    }
}
