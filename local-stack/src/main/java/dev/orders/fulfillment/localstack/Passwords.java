package dev.orders.fulfillment.localstack;

import java.security.SecureRandom;
import java.util.Base64;

/** Passwords the launcher makes up for one run: 24 random bytes, base64url (nothing to quote in a URL or SQL). */
final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    static String newPassword() {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
