package dev.orders.fulfillment.loadgen;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Sends orders on a fixed schedule, the i-th at {@code start + i / rps}, whatever the server does (open loop): a slow
 * response delays no later send, and latency counts from the intended send time, so a stall is measured rather than
 * hidden (coordinated omission). {@code maxInFlight} bounds the open requests; a send waiting for a free slot is
 * late, and its lateness is part of its latency.
 */
final class OpenLoopSender {

    /**
     * An order the API took: what was planned, its id, when it was meant to be sent, and when it was (the difference
     * is how late its request went out).
     */
    record Accepted(OrderPlanner.PlannedOrder planned, String orderId, long intendedNanos, long sentNanos) {}

    /** A request whose answer was lost (a transport error) or is in flight (409) waits this much more each time. */
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(250);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final HttpClient http;
    private final ApiRequests api;
    private final double rps;
    private final int maxInFlight;
    private final Semaphore slots;
    private final Stats stats;
    private final LongSupplier clock;
    private final Duration retryFor;

    /** {@code retryFor}: how long after its first attempt an order answered 503 or 429 is still sent again. */
    OpenLoopSender(
            HttpClient http,
            ApiRequests api,
            double rps,
            int maxInFlight,
            Stats stats,
            LongSupplier clock,
            Duration retryFor) {
        this.http = http;
        this.api = api;
        this.rps = rps;
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
        this.stats = stats;
        this.clock = clock;
        this.retryFor = retryFor;
    }

    /**
     * Sends {@code count} orders, or as many as fit in {@code duration} (whichever is given; both: the first to end).
     * Returns once every request has been answered.
     */
    List<Accepted> run(OrderPlanner planner, long count, Duration duration, Consumer<Accepted> onAccepted)
            throws InterruptedException {
        // appended from the HTTP client's threads; a copy-on-write list would copy itself on every order
        Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
        long start = clock.getAsLong();
        long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        for (long i = 0; i < count; i++) {
            long intended = start + Math.round(i * 1e9 / rps);
            if (intended >= end) {
                break;
            }
            for (long wait = intended - clock.getAsLong(); wait > 0; wait = intended - clock.getAsLong()) {
                LockSupport.parkNanos(wait);
            }
            slots.acquire();
            send(planner.next(), intended, order -> {
                accepted.add(order);
                onAccepted.accept(order);
            });
        }
        // every slot back: every request answered
        slots.acquire(maxInFlight);
        slots.release(maxInFlight);
        return List.copyOf(accepted);
    }

    /**
     * Each order carries an Idempotency-Key of its own, so a retry after a transport error (the API restarting, an
     * answer lost) or while its first attempt is still being placed (409) places it at most once. An API that says
     * it cannot take the order now (503 or 429 with {@code Retry-After}: its database away, a rate limit) is asked
     * again when it says. Either way, as a real client would, for up to {@code retryFor} after the first attempt.
     */
    private void send(OrderPlanner.PlannedOrder order, long intended, Consumer<Accepted> accepted) {
        stats.sent.increment();
        stats.inFlight.incrementAndGet();
        attempt(order, UUID.randomUUID().toString(), intended, clock.getAsLong(), 1, accepted);
    }

    private void attempt(
            OrderPlanner.PlannedOrder order,
            String key,
            long intended,
            long sent,
            int attempt,
            Consumer<Accepted> accepted) {
        HttpRequest request = api.to("/api/orders")
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(order.body()))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long wait;
            if (failure != null || response.statusCode() == 409) {
                wait = withinRetryWindow(Math.min(MAX_BACKOFF.toMillis(), RETRY_BACKOFF.toMillis() * attempt), sent);
            } else {
                wait = retryAfterMillis(response, sent);
                if (wait >= 0) {
                    stats.unavailable.increment();
                }
            }
            if (wait >= 0) {
                stats.retries.increment();
                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(order, key, intended, sent, attempt + 1, accepted));
                return;
            }
            try {
                Stats.record(stats.httpLatency, clock.getAsLong() - intended);
                if (failure != null) {
                    stats.transportErrors.increment();
                } else if (response.statusCode() == 201) {
                    String id = Json.MAPPER
                            .readTree(response.body())
                            .path("order")
                            .path("id")
                            .asString("");
                    if (id.isEmpty()) {
                        stats.serverErrors.increment(); // a 201 without an order is the server's fault
                    } else {
                        stats.accepted.increment();
                        accepted.accept(new Accepted(order, id, intended, sent));
                    }
                } else if (response.statusCode() >= 500) {
                    stats.serverErrors.increment();
                } else {
                    stats.clientErrors.increment();
                }
            } finally {
                stats.inFlight.decrementAndGet();
                slots.release();
            }
        });
    }

    /** The wait a 503 or 429 asks for ({@code Retry-After} in seconds), or -1: not one, or out of time to wait. */
    private long retryAfterMillis(HttpResponse<String> response, long sent) {
        if (response.statusCode() != 503 && response.statusCode() != 429) {
            return -1;
        }
        long seconds;
        try {
            seconds = Long.parseLong(
                    response.headers().firstValue("Retry-After").orElse("").strip());
        } catch (NumberFormatException noOrDateForm) {
            return -1;
        }
        return withinRetryWindow(Math.max(RETRY_BACKOFF.toMillis(), Math.min(seconds, 60) * 1000), sent);
    }

    /** {@code waitMillis}, when the attempt after it still falls within {@code retryFor} of the first; else -1. */
    private long withinRetryWindow(long waitMillis, long sent) {
        return clock.getAsLong() + waitMillis * 1_000_000 - sent <= retryFor.toNanos() ? waitMillis : -1;
    }
}
