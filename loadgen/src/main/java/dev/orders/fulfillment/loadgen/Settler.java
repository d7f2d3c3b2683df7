package dev.orders.fulfillment.loadgen;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/**
 * Follows accepted orders through the API until each has settled (reached the state its path ends in), decides
 * held reviews once they are due, and records how long each took from its intended send time. The API's own
 * clock times an order from its creation to its last transition; to that the client adds how late the request
 * went out (coordinated omission). So the figure does not depend on how often an order is looked at, and each
 * order is asked after at most once per {@link #POLL_INTERVAL}, a few requests at a time: following thousands of
 * orders costs the API a small, bounded load, not a share of the capacity being measured.
 */
final class Settler {

    /** What the API last showed for an order; {@code status} is null for an order the API does not know. */
    record Observed(String status, String decisionPath, boolean found) {}

    private static final int CONCURRENCY = 8;
    private static final Duration MIN_ROUND = Duration.ofMillis(250);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final HttpClient http;
    private final ApiRequests api;
    private final Stats stats;
    private final LongSupplier clock;
    private final Duration reviewAfter;
    private final Map<String, Observed> observed = new ConcurrentHashMap<>();
    private final Map<String, Boolean> settled = new ConcurrentHashMap<>();
    private final Map<String, Boolean> reviewed = new ConcurrentHashMap<>();
    private final Map<String, Long> lastPolled = new ConcurrentHashMap<>();

    Settler(HttpClient http, ApiRequests api, Stats stats, LongSupplier clock, Duration reviewAfter) {
        this.http = http;
        this.api = api;
        this.stats = stats;
        this.clock = clock;
        this.reviewAfter = reviewAfter;
    }

    /** One round over every order not yet settled. */
    void round(List<OpenLoopSender.Accepted> orders) throws InterruptedException {
        long started = clock.getAsLong();
        Semaphore slots = new Semaphore(CONCURRENCY);
        for (OpenLoopSender.Accepted order : orders) {
            if (settled.containsKey(order.orderId()) || !dueForPoll(order)) {
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

    /** An order is first asked after once {@link #POLL_INTERVAL} has passed since its request went out. */
    private boolean dueForPoll(OpenLoopSender.Accepted order) {
        long now = clock.getAsLong();
        long last = lastPolled.getOrDefault(order.orderId(), order.sentNanos());
        if (now - last < POLL_INTERVAL.toNanos()) {
            return false;
        }
        lastPolled.put(order.orderId(), now);
        return true;
    }

    private CompletableFuture<Void> poll(OpenLoopSender.Accepted order) {
        HttpRequest get = api.to("/api/orders/" + order.orderId())
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return http.sendAsync(get, HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> {
                    JsonNode body = read(response);
                    Observed now = observe(body);
                    observed.put(order.orderId(), now);
                    OrderPath.Outcome expected = order.planned().expected();
                    if (!now.found() || isFinal(now, expected)) {
                        if (settled.putIfAbsent(order.orderId(), true) == null) {
                            stats.settled.get(order.planned().path()).increment();
                            if (now.found()) {
                                long server = serverNanos(body);
                                Stats.record(
                                        stats.completionLatency.get(
                                                order.planned().path()),
                                        server < 0
                                                ? clock.getAsLong() - order.intendedNanos() // an API without the times
                                                : order.sentNanos() - order.intendedNanos() + server);
                            }
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
        return terminal
                || (now.status().equals(expected.status())
                        && String.valueOf(now.decisionPath()).equals(expected.decisionPath()));
    }

    private CompletableFuture<Void> reviewIfDue(OpenLoopSender.Accepted order, Observed now) {
        String decision = order.planned().reviewDecision();
        boolean due = clock.getAsLong() - order.intendedNanos() >= reviewAfter.toNanos();
        if (decision == null
                || !"manual_review".equals(now.status())
                || !due
                || reviewed.putIfAbsent(order.orderId(), true) != null) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest review = api.to("/api/orders/" + order.orderId() + "/review")
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

    /** The order object, or null for an order the API does not know. */
    private static JsonNode read(HttpResponse<String> response) {
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET order answered " + response.statusCode());
        }
        return Json.MAPPER.readTree(response.body()).path("order");
    }

    private static Observed observe(JsonNode order) {
        if (order == null) {
            return new Observed(null, null, false);
        }
        // an API that leaves out fields without a value, or one that sends them as null
        String path = order.path("decision_path").isString()
                ? order.path("decision_path").asString()
                : null;
        return new Observed(order.path("status").asString(), path, true);
    }

    /** From the order's creation to its last recorded transition, by the API's clock; -1 when not shown. */
    static long serverNanos(JsonNode order) {
        JsonNode history = order.path("history");
        if (!order.path("created_at").isString() || history.isEmpty()) {
            return -1;
        }
        Instant created = Instant.parse(order.path("created_at").asString());
        Instant last = Instant.parse(history.get(history.size() - 1).path("at").asString());
        return Math.max(0, Duration.between(created, last).toNanos());
    }
}
