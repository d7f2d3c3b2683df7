package dev.orders.fulfillment.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepTest {

    @Test
    void aPipelineThatKeepsUpHasNoGrowingBacklogDespiteItsSpikes() {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            latencies.add(i % 50 == 0 ? 900.0 : 40.0 + i % 7); // occasional spikes, a steady median
        }

        assertThat(Step.backlogGrew(latencies)).isFalse();
        assertThat(step(latencies).sustainable()).isTrue();
    }

    @Test
    void ordersSentLaterWaitingLongerIsABacklogThatGrewEvenWhenEveryOrderCompletedInTime() {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            latencies.add(50.0 + i * 20); // each order queues behind the ones before it
        }

        assertThat(Step.backlogGrew(latencies)).isTrue();
        assertThat(step(latencies).sustainable()).isFalse();
    }

    @Test
    void tooFewOrdersToCompareQuartersSayNothing() {
        assertThat(Step.backlogGrew(List.of(10.0, 5000.0, 9000.0))).isFalse();
    }

    /** A step in which every order completed at the offered rate: only the backlog rule can fail it. */
    private static Step step(List<Double> latencies) {
        return new Step(40, latencies.size(), latencies.size(), 40, Latencies.of(latencies),
                Step.backlogGrew(latencies), Map.of(), null);
    }
}
