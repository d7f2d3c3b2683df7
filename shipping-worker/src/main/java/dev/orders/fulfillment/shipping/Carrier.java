package dev.orders.fulfillment.shipping;

import dev.orders.fulfillment.contracts.WireNamed;
import java.util.Locale;
import java.util.UUID;

/** The carriers the shop books, each with the prefix of its tracking ids. */
enum Carrier implements WireNamed {
    FREIGHT("FRT"),
    EXPRESS("EXP"),
    POSTAL("PST"),
    GROUND("GND");

    private final String trackingPrefix;

    Carrier(String trackingPrefix) {
        this.trackingPrefix = trackingPrefix;
    }

    /**
     * The prefix and 12 upper-case hex digits of a random UUID, e.g. {@code GND-3F2A9C0B7D41}. Should two ids
     * ever collide, the unique key refuses the second and the retried attempt draws a new one.
     */
    String newTrackingId() {
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return trackingPrefix + "-" + random.toUpperCase(Locale.ROOT);
    }
}
