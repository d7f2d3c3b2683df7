package dev.orders.fulfillment.loadgen;

import java.util.Locale;

/** The decision paths loadgen aims at, and the state each of its orders should end the run in. */
public enum OrderPath {
    /** A clean order: completed, auto-approved. */
    AUTO("completed", "auto_approved"),
    /** A new customer's big order: held for review, then decided through the API (or left held). */
    REVIEW("manual_review", "manual_review"),
    /** An out-of-stock item: waits for a restock (the run ends with it waiting). */
    BACKORDER("backordered", "backorder"),
    /** The gateway's test card: declined, stock released. */
    DECLINE("payment_failed", "payment_declined");

    private final String heldStatus;
    private final String heldPath;

    OrderPath(String status, String decisionPath) {
        this.heldStatus = status;
        this.heldPath = decisionPath;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Where an order of this path ends when nobody decides it further. */
    Outcome outcome() {
        return new Outcome(heldStatus, heldPath);
    }

    static OrderPath fromWire(String name) {
        for (OrderPath path : values()) {
            if (path.wireName().equals(name)) {
                return path;
            }
        }
        throw new IllegalArgumentException("unknown path '" + name + "': one of auto, review, backorder, decline");
    }

    /** A status and decision path, as the API shows them. */
    public record Outcome(String status, String decisionPath) {

        @Override
        public String toString() {
            return status + "/" + decisionPath;
        }
    }
}
