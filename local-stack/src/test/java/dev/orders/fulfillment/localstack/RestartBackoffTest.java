package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    @Test
    void aServiceThatKeepsExitingWaitsTwiceAsLongEachTimeUpTo30Seconds() {
        RestartBackoff backoff = new RestartBackoff();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(backoff.after(Duration.ofSeconds(5)).toSeconds());
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(backoff.restarts()).isEqualTo(8);
    }

    @Test
    void aServiceThatRanForAMinuteStartsTheCountAfresh() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.after(Duration.ofSeconds(3));
        backoff.after(Duration.ofSeconds(3));

        assertThat(backoff.after(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.restarts()).isEqualTo(1);
    }
}
