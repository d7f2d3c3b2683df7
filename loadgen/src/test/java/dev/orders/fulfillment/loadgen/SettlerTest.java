package dev.orders.fulfillment.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettlerTest {

    @Test
    void timesAnOrderByTheApiClockFromCreationToItsLastTransition() {
        String order = """
                {"created_at": "2026-11-26T01:37:13.707817Z", "history": [
                  {"status": "pending", "at": "2026-11-26T01:37:13.707817Z"},
                  {"status": "shipped", "at": "2026-11-26T01:37:14.153323Z"},
                  {"status": "completed", "at": "2026-11-26T01:37:14.207515Z"}]}""";

        assertThat(Settler.serverNanos(Json.MAPPER.readTree(order))).isEqualTo(499_698_000L);
    }

    @Test
    void saysSoWhenTheApiShowsNoTimes() {
        assertThat(Settler.serverNanos(Json.MAPPER.readTree("{\"status\": \"completed\"}")))
                .isEqualTo(-1);
        assertThat(Settler.serverNanos(
                        Json.MAPPER.readTree("{\"created_at\": \"2026-11-26T01:37:13Z\", \"history\": []}")))
                .isEqualTo(-1);
    }
}
