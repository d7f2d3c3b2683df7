package dev.orders.fulfillment.loadgen;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the run measured, shared by the sender, the settler and the progress line. Latencies are in microseconds and
 * count from each request's intended send time, so a stalled sender shows up as latency, not as fewer requests.
 */
final class Stats {

    private static final long MAX_MICROS = 3_600_000_000L;

    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    final LongAdder serverErrors = new LongAdder();
    final LongAdder transportErrors = new LongAdder();
    /** Orders sent again with their Idempotency-Key (not counted as sent): a transport error, 409, 503, 429. */
    final LongAdder retries = new LongAdder();
    /** Of those, the ones sent again after a 503 or 429 with Retry-After (the API or its database away). */
    final LongAdder unavailable = new LongAdder();

    final LongAdder reviewsSent = new LongAdder();
    final AtomicLong inFlight = new AtomicLong();
    final Histogram httpLatency = new ConcurrentHistogram(MAX_MICROS, 3);
    final Map<OrderPath, Histogram> completionLatency = new EnumMap<>(OrderPath.class);
    final Map<OrderPath, LongAdder> settled = new EnumMap<>(OrderPath.class);

    Stats() {
        for (OrderPath path : OrderPath.values()) {
            completionLatency.put(path, new ConcurrentHistogram(MAX_MICROS, 3));
            settled.put(path, new LongAdder());
        }
    }

    long errors() {
        return clientErrors.sum() + serverErrors.sum() + transportErrors.sum();
    }

    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1_000)));
    }
}
