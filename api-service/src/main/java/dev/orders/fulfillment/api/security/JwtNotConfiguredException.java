package dev.orders.fulfillment.api.security;

/** {@code orders.security.mode} is {@code jwt} (the default) and nothing says how to verify a token. */
final class JwtNotConfiguredException extends IllegalStateException {
    JwtNotConfiguredException() {
        super("orders.security.mode is jwt, and no JWT verification is configured");
    }
}
