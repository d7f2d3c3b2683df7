package dev.orders.fulfillment.loadgen;

import java.net.URI;
import java.time.Duration;

/**
 * One run of loadgen, as its options say it ({@link LoadGen}) or as a program builds it ({@link #to}, then the
 * {@code with*} steps): where, how much, how fast, which paths, and whether to follow the orders to their end.
 *
 * @param count orders to send, or null for as many as fit in {@code duration}
 * @param duration how long to send, or null for {@code count} orders
 * @param reviewAfter a held review is decided this long after its order was sent; zero leaves reviews held
 * @param await follow every accepted order until it settles, then reconcile
 * @param retryFor how long an order answered 503 or 429 with {@code Retry-After} is sent again (with its key)
 */
public record LoadPlan(
        URI baseUrl,
        String token,
        Long count,
        Duration duration,
        double rps,
        int workers,
        Mix mix,
        long seed,
        Duration reviewAfter,
        double approveRate,
        boolean await,
        Duration waitTimeout,
        Duration retryFor) {

    public LoadPlan {
        if (count == null && duration == null) {
            throw new IllegalArgumentException("say how much to send: a count or a duration (or both)");
        }
        String url = baseUrl.toString();
        baseUrl = url.endsWith("/") ? baseUrl : URI.create(url + "/");
    }

    /** {@code count} orders at {@code rps} to the API at {@code baseUrl}, with loadgen's defaults for the rest. */
    public static LoadPlan to(String baseUrl, long count, double rps, long seed) {
        return withDefaults(baseUrl, count, null, rps, seed);
    }

    /** As many orders as fit in {@code duration} at {@code rps}, with loadgen's defaults for the rest. */
    public static LoadPlan during(String baseUrl, Duration duration, double rps, long seed) {
        return withDefaults(baseUrl, null, duration, rps, seed);
    }

    /** The rest as the command line's defaults say (one place for them: {@link LoadGen}'s options). */
    private static LoadPlan withDefaults(String baseUrl, Long count, Duration duration, double rps, long seed) {
        LoadGen defaults = LoadGen.withDefaults(baseUrl);
        return new LoadPlan(
                URI.create(baseUrl),
                null,
                count,
                duration,
                rps,
                defaults.workers,
                defaults.mix,
                seed,
                defaults.reviewAfter,
                defaults.approveRate,
                defaults.await,
                defaults.waitTimeout,
                defaults.retryFor);
    }

    public LoadPlan withMix(Mix other) {
        return new LoadPlan(
                baseUrl,
                token,
                count,
                duration,
                rps,
                workers,
                other,
                seed,
                reviewAfter,
                approveRate,
                await,
                waitTimeout,
                retryFor);
    }

    public LoadPlan withWorkers(int threads) {
        return new LoadPlan(
                baseUrl,
                token,
                count,
                duration,
                rps,
                threads,
                mix,
                seed,
                reviewAfter,
                approveRate,
                await,
                waitTimeout,
                retryFor);
    }

    /** Only sends: no order followed to its end, no review decided (what a benchmark of the API itself wants). */
    public LoadPlan sendOnly() {
        return new LoadPlan(
                baseUrl,
                token,
                count,
                duration,
                rps,
                workers,
                mix,
                seed,
                Duration.ZERO,
                approveRate,
                false,
                waitTimeout,
                retryFor);
    }

    public LoadPlan withWaitTimeout(Duration timeout) {
        return new LoadPlan(
                baseUrl,
                token,
                count,
                duration,
                rps,
                workers,
                mix,
                seed,
                reviewAfter,
                approveRate,
                await,
                timeout,
                retryFor);
    }

    public LoadPlan withRetryFor(Duration retry) {
        return new LoadPlan(
                baseUrl,
                token,
                count,
                duration,
                rps,
                workers,
                mix,
                seed,
                reviewAfter,
                approveRate,
                await,
                waitTimeout,
                retry);
    }
}
