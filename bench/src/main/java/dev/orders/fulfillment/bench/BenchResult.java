package dev.orders.fulfillment.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orders.fulfillment.loadgen.Percentiles;
import java.util.List;
import java.util.Map;

/**
 * One run's figures as its result file holds them (snake_case JSON). An older file reads into the same records, with
 * null where it lacks a figure.
 */
record BenchResult(
        String runAt,
        Machine machine,
        Settings settings,
        Map<String, ServiceFigures> services,
        List<Step> limit,
        List<Step> suite,
        Comparison comparison,
        PostFigures post,
        LoadgenCpu loadgenCpu,
        List<String> notes) {

    record Machine(
            String host,
            int cores,
            double memoryGib,
            String jdk,
            String os,
            String versions,
            String command,
            String temporal) {}

    record Settings(
            long stepSeconds,
            @JsonProperty("rates_per_s") List<Double> ratesPerSecond,
            int postRps,
            long postSeconds) {}

    /**
     * One process's start-up and memory; null where not measured (the total has only memory, a service that did
     * not come up alone no time alone).
     */
    record ServiceFigures(Double readyS, Double readyAloneS, Long rssIdleMb, Long rssUnderLoadMb) {

        ServiceFigures withReadyAlone(Double seconds) {
            return new ServiceFigures(readyS, seconds, rssIdleMb, rssUnderLoadMb);
        }

        ServiceFigures withUnderLoad(Long megabytes) {
            return new ServiceFigures(readyS, readyAloneS, rssIdleMb, megabytes);
        }
    }

    /** The suite against the limit, each at its best sustainable step; null throughout when one side had none. */
    record Comparison(
            @JsonProperty("limit_sustainable_per_s") Double limitSustainable,
            @JsonProperty("suite_sustainable_per_s") Double suiteSustainable,
            Double throughputRatio,
            Double targetThroughputRatio,
            @JsonProperty("p99_compared_at_per_s") Double p99ComparedAt,
            Double limitP99Ms,
            Double suiteP99Ms,
            Double p99Ratio,
            Double targetP99Ratio,
            String note) {}

    record PostFigures(int rps, long seconds, long sent, long errors, Percentiles latencyMs) {}

    record LoadgenCpu(int rps, int seconds, double cpuSeconds, double coresUsed, String note) {}
}
