package dev.orders.fulfillment.loadgen;

/** One order path's line of the report: how its accepted orders ended, and how long they took to. */
public record PathFigures(
        long accepted, long matched, long mismatched, long unsettled, long lost, Percentiles completionMs) {

    static PathFigures of(Reconciliation.PathTally tally, Percentiles completion) {
        return new PathFigures(
                tally.accepted(), tally.matched(), tally.mismatched(), tally.unsettled(), tally.lost(), completion);
    }
}
