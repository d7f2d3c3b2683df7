package dev.orders.fulfillment.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
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
    record Accepted(OrderPlanner.PlannedOrder planned, String orderId, long intendedNanos, long sentNanos) {
    }

    private final HttpClient http;
    private final URI orders;
    private final double rps;
    private final int maxInFlight;
    private final Semaphore slots;
    private final Stats stats;
    private final LongSupplier clock;

    OpenLoopSender(HttpClient http, URI baseUrl, double rps, int maxInFlight, Stats stats, LongSupplier clock) {
        this.http = http;
        this.orders = baseUrl.resolve("/api/orders");
        this.rps = rps;
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
        this.stats = stats;
        this.clock = clock;
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

    private void send(OrderPlanner.PlannedOrder order, long intended, Consumer<Accepted> accepted) {
        stats.sent.increment();
        stats.inFlight.incrementAndGet();
        long sent = clock.getAsLong();
        HttpRequest request = HttpRequest.newBuilder(orders)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(order.body()))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            try {
                Stats.record(stats.httpLatency, clock.getAsLong() - intended);
                if (failure != null) {
                    stats.transportErrors.increment();
                } else if (response.statusCode() == 201) {
                    String id = Json.MAPPER.readTree(response.body()).path("order").path("id").asString("");
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
}
