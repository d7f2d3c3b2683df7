package dev.orders.fulfillment.contracts;

/**
 * Where a backordered order's run stopped when it continued as new, so that its history stays within Temporal's
 * limits however long it waits: the next run of the same workflow id resumes the wait with this, and does not assess,
 * reserve or notify again.
 *
 * @param deadlineEpochMillis when the backorder expires (workflow time), as the first run computed it
 * @param riskScore the fraud score the order was assessed with
 * @param restockPending a restock signal arrived that no reservation attempt has used yet
 * @param cancelReason a cancellation that arrived before the run continued, or null
 * @param runs how many runs the wait has taken so far, this one's predecessors included
 * @param revision how often the order's items were amended (their current list is in the workflow input)
 */
public record BackorderContinuation(
        long deadlineEpochMillis,
        Integer riskScore,
        boolean restockPending,
        String cancelReason,
        int runs,
        int revision) {}
