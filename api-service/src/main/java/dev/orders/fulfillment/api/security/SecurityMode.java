package dev.orders.fulfillment.api.security;

/** {@code orders.security.mode}. */
public enum SecurityMode {
    /** Every API call needs a bearer JWT with the scope of its endpoint; the default. */
    JWT,
    /** No authentication: anyone may do anything. For a local demo only ({@code make run} and compose set it). */
    OPEN
}
