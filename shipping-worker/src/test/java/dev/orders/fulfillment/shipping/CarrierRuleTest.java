package dev.orders.fulfillment.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.OrderLine;
import dev.orders.fulfillment.contracts.WireNamed;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CarrierRuleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                     | grams     | tier     | value   | carrier (empty: rejected)
            just over 1,000 kg: no carrier              | 1000001   | standard | 10      |
            over 1,000 kg even for premium              | 1500000   | premium  | 24999   |
            exactly 1,000 kg: freight                   | 1000000   | standard | 10      | freight
            just over 30 kg: freight                    | 30001     | standard | 10      | freight
            freight beats tier and value                | 30001     | premium  | 5000    | freight
            exactly 30 kg, standard, cheap: ground      | 30000     | standard | 10      | ground
            gold tier: express                          | 30000     | gold     | 10      | express
            platinum tier: express                      | 500       | platinum | 10      | express
            premium tier: express                       | 500       | premium  | 10      | express
            silver tier is not express                  | 500       | silver   | 10      | postal
            value exactly 1,000: express                | 5000      | standard | 1000.00 | express
            value just under 1,000: not express         | 5000      | standard | 999.99  | ground
            value 1,000 beats postal                    | 500       | new      | 1000.00 | express
            exactly 2 kg, just under 100: postal        | 2000      | standard | 99.99   | postal
            just over 2 kg: ground                      | 2001      | standard | 99.99   | ground
            exactly 100 is not postal                   | 2000      | standard | 100.00  | ground
            """)
    void choosesTheFirstMatchingCarrier(String rule, long grams, String tier, BigDecimal value, String carrier) {
        Optional<Carrier> chosen = CarrierRule.choose(
                grams, WireNamed.fromWire(CustomerTier.class, tier).orElseThrow(), value);

        assertThat(chosen.map(Carrier::wireName)).isEqualTo(Optional.ofNullable(carrier));
    }

    @Test
    void totalWeightIsQuantityTimesUnitWeightOverAllLinesWithoutIntOverflow() {
        List<OrderLine> lines = List.of(
                new OrderLine("prod-1", 3, new BigDecimal("29.99"), 250),
                new OrderLine("industrial-press", 2000, new BigDecimal("24999.00"), 1_500_000));

        assertThat(CarrierRule.totalWeightGrams(lines)).isEqualTo(750L + 3_000_000_000L);
    }

    @RepeatedTest(20)
    void trackingIdsArePrefixedByCarrierWithTwelveUpperCaseAlphanumerics() {
        assertThat(Carrier.FREIGHT.newTrackingId()).matches("FRT-[A-Z0-9]{12}");
        assertThat(Carrier.EXPRESS.newTrackingId()).matches("EXP-[A-Z0-9]{12}");
        assertThat(Carrier.POSTAL.newTrackingId()).matches("PST-[A-Z0-9]{12}");
        assertThat(Carrier.GROUND.newTrackingId()).matches("GND-[A-Z0-9]{12}");
    }
}
