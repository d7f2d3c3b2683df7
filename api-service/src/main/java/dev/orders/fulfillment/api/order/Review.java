package dev.orders.fulfillment.api.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** A manual-review decision; {@code signalledAt} is when it last reached the workflow (null: not yet). */
@Embeddable
public record Review(
        @Column(name = "review_decision") ReviewDecision decision,
        String reviewer,
        @Column(name = "review_note") String note,
        Instant reviewedAt,
        @Column(name = "review_signalled_at") Instant signalledAt) {

    Review signalled(Instant at) {
        return new Review(decision, reviewer, note, reviewedAt, at);
    }
}
