package dev.orders.fulfillment.drill;

import dev.orders.fulfillment.loadgen.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * One drill's row: what the fault did and saw, loadgen's reconciliation of the orders sent around it, and what the
 * services' tables showed after it. {@code skipped} says why a drill did not run (then the rest is null).
 */
record StepResult(
        String name,
        String skipped,
        Step.Outcome outcome,
        Report traffic,
        Ledgers.Findings ledgers,
        boolean allReadyAfter) {

    static StepResult skipped(String name, String why) {
        return new StepResult(name, why, null, null, null, true);
    }

    boolean ran() {
        return skipped == null;
    }

    long orders() {
        return ran() ? traffic.accepted() : 0;
    }

    /** Accepted orders the API does not know, or that never settled. */
    long lost() {
        return ran()
                ? traffic.reconciliation().lost().size()
                        + traffic.reconciliation().unsettled().size()
                : 0;
    }

    /** Orders the tables show neither ended nor resting (review, backorder), or never started. */
    long stuck() {
        return ran() ? ledgers.stuck() + ledgers.unstarted() : 0;
    }

    long mismatched() {
        return ran() ? traffic.reconciliation().mismatched().size() : 0;
    }

    /** 5xx answers that stayed 5xx after loadgen's resends, and orders never placed (4xx, transport errors). */
    long failedRequests() {
        return ran() ? traffic.serverErrors() + traffic.clientErrors() + traffic.transportErrors() : 0;
    }

    /** Each broken invariant, in words; empty when the drill passed (or did not run). */
    List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (!ran()) {
            return violations;
        }
        if (!outcome.passed()) {
            violations.add("the fault: " + outcome.what());
        }
        if (!allReadyAfter) {
            violations.add("not every service ready again after it");
        }
        add(violations, lost(), "orders lost or never settled");
        add(violations, stuck(), "orders stuck or never started");
        add(violations, mismatched(), "orders ended elsewhere than planned");
        add(violations, traffic.serverErrors(), "5xx answers");
        add(violations, traffic.clientErrors() + traffic.transportErrors(), "orders not placed (4xx, transport)");
        add(violations, ledgers.duplicateCharges(), "orders charged twice");
        add(violations, ledgers.unrefunded(), "unpaid orders charged without refund");
        add(violations, ledgers.orphanReserved(), "ended orders holding stock without shipping");
        add(violations, ledgers.stockDrift(), "SKUs whose stock does not add up");
        add(violations, ledgers.notifications(), "notifications twice or missing");
        return violations;
    }

    boolean passed() {
        return violations().isEmpty();
    }

    private static void add(List<String> violations, long count, String what) {
        if (count > 0) {
            violations.add(count + " " + what);
        }
    }
}
