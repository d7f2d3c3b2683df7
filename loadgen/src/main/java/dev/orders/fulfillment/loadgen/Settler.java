package dev.orders.fulfillment.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/**
 * Follows accepted orders through the API until each has settled (reached the state its path ends in), decides
 * held reviews once they are due, and records how long each took from its intended send time. Polls in rounds, a
 * few requests at a time, so following thousands of orders costs the API a bounded load; the completion latencies
 * are as fine as a round is short.
 */
final class Settler {

    /** What the API last showed for an order; {@code status} is null for an order the API does not know. */
    record Observed(String status, String decisionPath, boolean found) {
    }

    private static final int CONCURRENCY = 8;
    private static final Duration MIN_ROUND = Duration.ofMillis(250);

    private final HttpClient http;
    private final URI baseUrl;
    private final Stats stats;
    private final LongSupplier clock;
    private final Duration reviewAfter;
    private final Map<String, Observed> observed = new ConcurrentHashMap<>();
    private final Map<String, Boolean> settled = new ConcurrentHashMap<>();
    private final Map<String, Boolean> reviewed = new ConcurrentHashMap<>();

    Settler(HttpClient http, URI baseUrl, Stats stats, LongSupplier clock, Duration reviewAfter) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.stats = stats;
        this.clock = clock;
        this.reviewAfter = reviewAfter;
    }

    /** One round over every order not yet settled. */
    void round(List<OpenLoopSender.Accepted> orders) throws InterruptedException {
        long started = clock.getAsLong();
        Semaphore slots = new Semaphore(CONCURRENCY);
        for (OpenLoopSender.Accepted order : orders) {
            if (settled.containsKey(order.orderId())) {
                continue;
            }
            slots.acquire();
            poll(order).whenComplete((ignored, failure) -> slots.release());
        }
        slots.acquire(CONCURRENCY);
        long rest = MIN_ROUND.toNanos() - (clock.getAsLong() - started);
        if (rest > 0) {
            Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
        }
    }

    /** Rounds until every order settled or {@code timeout} passed; true when all settled. */
    boolean awaitAll(List<OpenLoopSender.Accepted> orders, Duration timeout) throws InterruptedException {
        long deadline = clock.getAsLong() + timeout.toNanos();
        while (!allSettled(orders) && clock.getAsLong() < deadline) {
            round(orders);
        }
        return allSettled(orders);
    }

    boolean allSettled(List<OpenLoopSender.Accepted> orders) {
        return orders.stream().allMatch(order -> settled.containsKey(order.orderId()));
    }

    Map<String, Observed> observed() {
        return Map.copyOf(observed);
    }

    boolean isSettled(String orderId) {
        return settled.containsKey(orderId);
    }

    private CompletableFuture<Void> poll(OpenLoopSender.Accepted order) {
        HttpRequest get = HttpRequest.newBuilder(baseUrl.resolve("/api/orders/" + order.orderId()))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.sendAsync(get, HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> {
                    Observed now = read(response);
                    observed.put(order.orderId(), now);
                    OrderPath.Outcome expected = order.planned().expected();
                    if (!now.found() || isFinal(now, expected)) {
                        if (settled.putIfAbsent(order.orderId(), true) == null) {
                            stats.settled.get(order.planned().path()).increment();
                            Stats.record(stats.completionLatency.get(order.planned().path()),
                                    clock.getAsLong() - order.intendedNanos());
                        }
                        return CompletableFuture.completedFuture(null);
                    }
                    return reviewIfDue(order, now);
                })
                .exceptionally(failure -> null); // the next round asks again
    }

    /**
     * Settled: what the path ends in, or any terminal status (a mismatch, which reconciliation reports). A review
     * still to be decided is not settled while it waits.
     */
    private static boolean isFinal(Observed now, OrderPath.Outcome expected) {
        boolean terminal = switch (now.status()) {
            case "completed", "rejected", "payment_failed", "cancelled" -> true;
            default -> false;
        };
        return terminal || (now.status().equals(expected.status())
                && String.valueOf(now.decisionPath()).equals(expected.decisionPath()));
    }

    private CompletableFuture<Void> reviewIfDue(OpenLoopSender.Accepted order, Observed now) {
        String decision = order.planned().reviewDecision();
        boolean due = clock.getAsLong() - order.intendedNanos() >= reviewAfter.toNanos();
        if (decision == null || !"manual_review".equals(now.status()) || !due
                || reviewed.putIfAbsent(order.orderId(), true) != null) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest review = HttpRequest.newBuilder(baseUrl.resolve("/api/orders/" + order.orderId() + "/review"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"decision\":\"" + decision + "\",\"reviewer\":\"loadgen\"}"))
                .build();
        return http.sendAsync(review, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure == null && response.statusCode() == 202) {
                stats.reviewsSent.increment();
            } else {
                reviewed.remove(order.orderId()); // not through: the next round tries again
            }
            return null;
        });
    }

    private static Observed read(HttpResponse<String> response) {
        if (response.statusCode() == 404) {
            return new Observed(null, null, false);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET order answered " + response.statusCode());
        }
        JsonNode order = Json.MAPPER.readTree(response.body()).path("order");
        String path = order.path("decision_path").isNull() ? null : order.path("decision_path").asString();
        return new Observed(order.path("status").asString(), path, true);
    }
}
