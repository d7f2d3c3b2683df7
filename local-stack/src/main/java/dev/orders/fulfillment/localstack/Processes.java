package dev.orders.fulfillment.localstack;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The launcher's helper processes (the Temporal dev server, the collector): stopped gracefully, then forcibly. */
final class Processes {

    private Processes() {
    }

    /** SIGTERM, then SIGKILL if it is still running after {@code timeout}. */
    static void stop(Process process, Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }
}
