package dev.orders.fulfillment.localstack;

import java.time.Duration;

/**
 * How long {@code make run} waits before it restarts a service that exited: 1 s, then twice as long each time it
 * exits again soon, at most 30 s; a service that ran for a minute before it exited starts the count afresh (as
 * compose's {@code restart: on-failure} and systemd do, so one crash is back at once and a crash loop does not spin).
 */
final class RestartBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofSeconds(30);
    static final Duration STABLE = Duration.ofMinutes(1);

    private int restarts;

    /** The wait before the next start of a service that ran for {@code uptime}; counts it as a restart. */
    Duration after(Duration uptime) {
        if (uptime.compareTo(STABLE) >= 0) {
            restarts = 0;
        }
        Duration wait = FIRST.multipliedBy(1L << Math.min(restarts, 5));
        restarts++;
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }

    /** How many restarts since the service last ran for {@link #STABLE}. */
    int restarts() {
        return restarts;
    }
}
