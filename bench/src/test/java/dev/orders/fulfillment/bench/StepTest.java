package dev.orders.fulfillment.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepTest {

    private static final double RATE = 40;
    private static final int ORDERS = 400;
    private static final double SENDING_MS = ORDERS * 1000 / RATE;

    @Test
    void aPipelineThatKeepsUpHoldsAsManyOrdersAtTheEndAsInTheMiddleSpikesAndAll() {
        List<Step.Span> spans = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            double sent = i * 1000 / RATE;
            spans.add(new Step.Span(sent, sent + (i % 50 == 0 ? 900 : 60)));
        }

        assertThat(Step.backlogGrew(spans, SENDING_MS)).isFalse();
        assertThat(step(spans).sustainable()).isTrue();
    }

    @Test
    void ordersQueuingOneBehindAnotherAreABacklogThatGrew() {
        List<Step.Span> spans = new ArrayList<>();
        double free = 0;
        for (int i = 0; i < ORDERS; i++) {
            double sent = i * 1000 / RATE;
            free = Math.max(sent, free) + 1000 / 36.0; // served one at a time, at 36/s
            spans.add(new Step.Span(sent, free));
        }

        assertThat(Step.backlogGrew(spans, SENDING_MS)).isTrue();
        assertThat(step(spans).sustainable()).isFalse();
    }

    /** Several queued steps per order: every order in flight slows down together, the first ones too. */
    @Test
    void ordersSharingAnOverloadedPipelineAreABacklogThatGrew() {
        double workMs = 1000 / 36.0; // the pipeline finishes 36 orders/s, shared among all in flight
        List<double[]> inFlight = new ArrayList<>(); // {sent, work left}
        List<Step.Span> spans = new ArrayList<>();
        int next = 0;
        for (double now = 0; next < ORDERS || !inFlight.isEmpty(); now += 1) {
            while (next < ORDERS && next * 1000 / RATE <= now) {
                inFlight.add(new double[] {next++ * 1000 / RATE, workMs});
            }
            double share = 1.0 / Math.max(1, inFlight.size());
            for (var it = inFlight.iterator(); it.hasNext(); ) {
                double[] order = it.next();
                order[1] -= share;
                if (order[1] <= 0) {
                    spans.add(new Step.Span(order[0], now));
                    it.remove();
                }
            }
        }

        assertThat(Step.backlogGrew(spans, SENDING_MS)).isTrue();
    }

    /** A step in which every order completed at the offered rate: only the backlog can fail it. */
    private static Step step(List<Step.Span> spans) {
        return new Step(
                RATE,
                spans.size(),
                spans.size(),
                RATE,
                Latencies.of(List.of(1.0)),
                Step.backlogGrew(spans, SENDING_MS),
                Map.of(),
                null);
    }
}
