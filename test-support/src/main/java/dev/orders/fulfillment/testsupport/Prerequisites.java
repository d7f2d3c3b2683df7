package dev.orders.fulfillment.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs beyond a JDK (a browser, Python, the Temporal CLI): where it is missing the test is reported
 * skipped with what to install; on CI ({@code CI} set, as {@code .ci/run} does after installing everything) a missing
 * piece fails the test instead, so nothing is skipped there unnoticed.
 */
public final class Prerequisites {

    private Prerequisites() {}

    /** Goes on when {@code present}; else skips the test, saying it {@code missing} (fails it on CI). */
    public static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (onCi()) {
            Assertions.fail("CI must have every real part, but this test " + missing);
        }
        Assumptions.abort(missing);
    }

    public static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equals("false");
    }
}
