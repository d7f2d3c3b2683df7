package dev.orders.fulfillment.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of a step's latencies, in milliseconds. */
record Latencies(
        int count,
        @JsonProperty("p50_ms") double p50,
        @JsonProperty("p99_ms") double p99,
        @JsonProperty("max_ms") double max) {

    static Latencies of(List<Double> millis) {
        if (millis.isEmpty()) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return new Latencies(sorted.size(), at(sorted, 0.50), at(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static double at(List<Double> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, index)) * 10) / 10.0;
    }
}
