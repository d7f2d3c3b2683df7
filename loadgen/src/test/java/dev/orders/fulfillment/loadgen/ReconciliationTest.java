package dev.orders.fulfillment.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    @Test
    void eachOrderIsMatchedMismatchedUnsettledOrLost() {
        var auto = accepted("a1", OrderPath.AUTO, null);
        var declinedInstead = accepted("a2", OrderPath.AUTO, null);
        var approved = accepted("r1", OrderPath.REVIEW, "approved");
        var stillHeld = accepted("r2", OrderPath.REVIEW, "rejected");
        var backordered = accepted("b1", OrderPath.BACKORDER, null);
        var gone = accepted("d1", OrderPath.DECLINE, null);
        Map<String, Settler.Observed> observed = Map.of(
                "a1", seen("completed", "auto_approved"),
                "a2", seen("payment_failed", "payment_declined"),
                "r1", seen("completed", "manual_approved"),
                "r2", seen("manual_review", "manual_review"),
                "b1", seen("backordered", "backorder"),
                "d1", new Settler.Observed(null, null, false));
        Set<String> settled = Set.of("a1", "a2", "r1", "b1", "d1");

        Reconciliation result = Reconciliation.of(
                List.of(auto, declinedInstead, approved, stillHeld, backordered, gone), observed, settled::contains);

        assertThat(result.byPath().get(OrderPath.AUTO)).isEqualTo(new Reconciliation.PathTally(2, 1, 1, 0, 0));
        assertThat(result.byPath().get(OrderPath.REVIEW)).isEqualTo(new Reconciliation.PathTally(2, 1, 0, 1, 0));
        assertThat(result.byPath().get(OrderPath.BACKORDER)).isEqualTo(new Reconciliation.PathTally(1, 1, 0, 0, 0));
        assertThat(result.byPath().get(OrderPath.DECLINE)).isEqualTo(new Reconciliation.PathTally(1, 0, 0, 0, 1));
        assertThat(result.mismatched())
                .containsExactly(new Reconciliation.Difference(
                        "a2", OrderPath.AUTO, "completed/auto_approved", "payment_failed/payment_declined"));
        assertThat(result.unsettled())
                .containsExactly(new Reconciliation.Difference(
                        "r2", OrderPath.REVIEW, "rejected/manual_rejected", "manual_review/manual_review"));
        assertThat(result.lost()).containsExactly("d1");
        assertThat(result.nothingLost()).isFalse();
    }

    @Test
    void anOrderNeverSeenIsUnsettledNotMatched() {
        Reconciliation result = Reconciliation.of(List.of(accepted("x", OrderPath.AUTO, null)), Map.of(), id -> false);

        assertThat(result.unsettled())
                .extracting(Reconciliation.Difference::actual)
                .containsExactly("never seen");
        assertThat(result.nothingLost()).isFalse();
    }

    private static OpenLoopSender.Accepted accepted(String id, OrderPath path, String decision) {
        return new OpenLoopSender.Accepted(new OrderPlanner.PlannedOrder(0, path, "{}", decision), id, 0, 0);
    }

    private static Settler.Observed seen(String status, String decisionPath) {
        return new Settler.Observed(status, decisionPath, true);
    }
}
