package dev.orders.fulfillment.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The launcher's helper processes (the Temporal dev server, the collector): stopped gracefully, then forcibly. */
final class Processes {

    private Processes() {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * Polls {@code url} until it answers 200; fails with {@code failure} once the process has exited or the
     * deadline ({@link System#nanoTime()}) has passed.
     */
    static void awaitHttpOk(String url, Process process, long deadline, String failure)
            throws IOException, InterruptedException {
        while (true) {
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(URI.create(url))
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException(failure);
            }
            Thread.sleep(200);
        }
    }

    /** SIGTERM, then SIGKILL if it is still running after {@code timeout}. */
    static void stop(Process process, Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }
}
