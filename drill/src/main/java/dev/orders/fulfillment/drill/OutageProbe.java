package dev.orders.fulfillment.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Asks the API what a client would while its database is away (a page of orders, one order) and keeps what it
 * answered: each answer should be a prompt 503 problem+json with {@code Retry-After}, never a hang, never a 500.
 */
final class OutageProbe {

    /** An answer slower than this is a hang: the API's own database wait is 3 s (service-defaults.yaml). */
    static final Duration HANG = Duration.ofSeconds(10);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI api;
    private final Map<String, Integer> answers = new TreeMap<>();
    private int proper;
    private int improper;
    private int hangs;
    private long slowestMillis;

    OutageProbe(String baseUrl) {
        this.api = URI.create(baseUrl + "/api/");
    }

    /** Asks every {@code every} until {@code duration} has passed. */
    void probeFor(Duration duration, Duration every) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            ask("orders?size=1");
            ask("orders/" + UUID.randomUUID());
            Thread.sleep(every.toMillis());
        }
    }

    private void ask(String path) throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(api.resolve(path)).timeout(HANG).GET().build();
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            answers.merge(Integer.toString(status), 1, Integer::sum);
            if (status == 503) {
                boolean problem =
                        response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
                if (problem && response.headers().firstValue("Retry-After").isPresent()) {
                    proper++;
                } else {
                    improper++;
                }
            } else if (status >= 500) {
                improper++;
            }
        } catch (HttpTimeoutException e) {
            hangs++;
            answers.merge("no answer in " + HANG.toSeconds() + " s", 1, Integer::sum);
        } catch (IOException e) {
            answers.merge("connection failed", 1, Integer::sum);
            improper++;
        }
        slowestMillis = Math.max(slowestMillis, (System.nanoTime() - started) / 1_000_000);
    }

    /** Every answer a proper 503, at least one of them, none slow. */
    boolean passed() {
        return proper > 0 && improper == 0 && hangs == 0;
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "%d API answers during the outage %s, %d of them 503 problem+json with" + " Retry-After; slowest %d ms",
                answers.values().stream().mapToInt(Integer::intValue).sum(),
                answers,
                proper,
                slowestMillis);
    }
}
