package dev.orders.fulfillment.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender against a stub API on a real HTTP server in this JVM (the same clock on both sides). */
class OpenLoopSenderTest {

    private final ConcurrentLinkedQueue<Long> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger status = new AtomicInteger(201);
    private final ConcurrentLinkedQueue<String> keys = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
    private volatile long serviceMillis;
    /** The first attempt of every order loses its answer: the connection closes without one. */
    private volatile boolean dropFirstAttempts;
    /** Until then ({@link System#nanoTime()}) every order is answered 503 with {@code Retry-After: 1}. */
    private volatile long unavailableUntil;

    private Duration retryFor = Duration.ofSeconds(60);
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsEveryOrderNeverAheadOfItsScheduleAndKeepsTheRate() throws Exception {
        start();
        Stats stats = new Stats();
        OpenLoopSender sender = sender(200, 64, stats);
        long begin = System.nanoTime();

        List<OpenLoopSender.Accepted> accepted = sender.run(planner(), 100, null, order -> {});
        double seconds = (System.nanoTime() - begin) / 1e9;

        assertThat(accepted)
                .hasSize(100)
                .extracting(OpenLoopSender.Accepted::orderId)
                .doesNotHaveDuplicates();
        assertThat(received).hasSize(100);
        assertThat(stats.sent.sum()).isEqualTo(100);
        assertThat(stats.httpLatency.getTotalCount()).isEqualTo(100);
        // the i-th order is sent no earlier than i / rps: 99 intervals of 5 ms at least
        for (OpenLoopSender.Accepted order : accepted) {
            assertThat(order.intendedNanos() - begin)
                    .isGreaterThanOrEqualTo(Math.round(order.planned().sequence() * 1e9 / 200) - 1_000_000);
        }
        assertThat(seconds).isGreaterThanOrEqualTo(0.495);
        // and it keeps up: far from the 100 × round trip a closed loop of one would take on a slow machine
        assertThat(seconds).isLessThan(5.0);
    }

    @Test
    void aStalledServerShowsUpAsLatencyFromTheIntendedSendTime() throws Exception {
        serviceMillis = 100;
        start();
        Stats stats = new Stats();

        // 20 orders meant to go out within 0.2 s; two slots and 100 ms per answer make the last one wait ~1 s
        sender(100, 2, stats).run(planner(), 20, null, order -> {});

        assertThat(stats.httpLatency.getMaxValue()).isGreaterThan(700_000);
        assertThat(stats.httpLatency.getMinValue()).isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void aDurationEndsTheRunAndErrorsAreCountedByKind() throws Exception {
        status.set(503);
        start();
        Stats stats = new Stats();

        List<OpenLoopSender.Accepted> accepted =
                sender(50, 8, stats).run(planner(), Long.MAX_VALUE, Duration.ofMillis(400), order -> {});

        assertThat(accepted).isEmpty();
        assertThat(stats.sent.sum()).isBetween(18L, 20L);
        assertThat(stats.serverErrors.sum()).isEqualTo(stats.sent.sum());
    }

    @Test
    void anAnswerLostInTransportIsAskedForAgainWithTheSameKey() throws Exception {
        dropFirstAttempts = true;
        start();
        Stats stats = new Stats();

        List<OpenLoopSender.Accepted> accepted = sender(50, 8, stats).run(planner(), 10, null, order -> {});

        assertThat(accepted).hasSize(10);
        assertThat(stats.transportErrors.sum()).isZero();
        assertThat(stats.retries.sum()).isEqualTo(10);
        // each key twice, ten keys, all different
        assertThat(keys).hasSize(20).doesNotContainNull();
        assertThat(keys.stream().distinct()).hasSize(10);
        assertThat(authorizations).containsOnly("Bearer test-token");
    }

    @Test
    void anApiThatIsAwayForAWhileGetsEachOrderAgainWhenItsRetryAfterSays() throws Exception {
        unavailableUntil = System.nanoTime() + 800_000_000L;
        start();
        Stats stats = new Stats();

        List<OpenLoopSender.Accepted> accepted = sender(50, 16, stats).run(planner(), 10, null, order -> {});

        assertThat(accepted).hasSize(10);
        assertThat(stats.serverErrors.sum()).isZero();
        assertThat(stats.unavailable.sum()).isGreaterThanOrEqualTo(10).isEqualTo(stats.retries.sum());
        // every order placed once, under the key of its first attempt
        assertThat(received).hasSize(10);
        assertThat(keys.stream().distinct()).hasSize(10);
    }

    @Test
    void aRetryAfterBeyondTheRetryWindowIsAServerError() throws Exception {
        unavailableUntil = Long.MAX_VALUE;
        retryFor = Duration.ZERO;
        start();
        Stats stats = new Stats();

        List<OpenLoopSender.Accepted> accepted = sender(50, 8, stats).run(planner(), 5, null, order -> {});

        assertThat(accepted).isEmpty();
        assertThat(stats.serverErrors.sum()).isEqualTo(5);
        assertThat(stats.retries.sum()).isZero();
    }

    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/orders", exchange -> {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            boolean firstAttempt = !keys.contains(key);
            keys.add(key);
            if (dropFirstAttempts && firstAttempt) {
                exchange.close();
                return;
            }
            if (System.nanoTime() < unavailableUntil) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            received.add(System.nanoTime());
            try {
                Thread.sleep(serviceMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("{\"order\":{\"id\":\"" + UUID.randomUUID() + "\"},\"workflow_id\":\"x\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private OpenLoopSender sender(double rps, int slots, Stats stats) {
        URI base = URI.create("http://localhost:" + server.getAddress().getPort() + "/");
        return new OpenLoopSender(
                HttpClient.newHttpClient(),
                new ApiRequests(base, "test-token"),
                rps,
                slots,
                stats,
                System::nanoTime,
                retryFor);
    }

    private static OrderPlanner planner() {
        return new OrderPlanner(Mix.parse(Mix.DEFAULT), 11, true, 0.7);
    }
}
