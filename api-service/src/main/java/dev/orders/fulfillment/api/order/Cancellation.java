package dev.orders.fulfillment.api.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** A cancellation request; {@code signalledAt} is when it last reached the workflow (null: not yet). */
@Embeddable
public record Cancellation(
        @Column(name = "cancel_requested_at") Instant requestedAt,
        @Column(name = "cancel_reason") String reason,
        @Column(name = "cancel_signalled_at") Instant signalledAt) {

    Cancellation signalled(Instant at) {
        return new Cancellation(requestedAt, reason, at);
    }
}
