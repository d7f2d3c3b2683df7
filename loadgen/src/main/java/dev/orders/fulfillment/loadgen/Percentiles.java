package dev.orders.fulfillment.loadgen;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.HdrHistogram.Histogram;

/** Milliseconds at the percentiles loadgen reports, read off a histogram of microseconds. */
public record Percentiles(
        long count,
        double p50,
        double p90,
        double p99,
        @JsonProperty("p99.9") double p999,
        double max) {

    static Percentiles of(Histogram micros) {
        return new Percentiles(
                micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    /** To a tenth of a millisecond. */
    private static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
