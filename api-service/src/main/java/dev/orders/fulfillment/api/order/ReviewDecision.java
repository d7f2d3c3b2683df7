package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.contracts.WireNamed;

/** A reviewer's verdict; its wire name is also the payload of the workflow's review signal. */
public enum ReviewDecision implements WireNamed {
    APPROVED,
    REJECTED;
}
