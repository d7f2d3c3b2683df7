package dev.orders.fulfillment.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OrderPlannerTest {

    private static final Mix DEFAULT = Mix.parse(Mix.DEFAULT);

    @Test
    void theSameSeedPlansTheSameOrders() {
        assertThat(plan(new OrderPlanner(DEFAULT, 42, true, 0.7), 500))
                .isEqualTo(plan(new OrderPlanner(DEFAULT, 42, true, 0.7), 500))
                .isNotEqualTo(plan(new OrderPlanner(DEFAULT, 43, true, 0.7), 500));
    }

    @Test
    void pathsAreDrawnByTheirWeights() {
        Map<OrderPath, Integer> drawn = new EnumMap<>(OrderPath.class);
        plan(new OrderPlanner(Mix.parse("auto:50,review:30,backorder:0,decline:20"), 7, true, 0.5), 20_000)
                .forEach(order -> drawn.merge(order.path(), 1, Integer::sum));

        assertThat(drawn.getOrDefault(OrderPath.BACKORDER, 0)).isZero();
        assertThat(drawn.get(OrderPath.AUTO) / 20_000.0).isCloseTo(0.50, within(0.02));
        assertThat(drawn.get(OrderPath.REVIEW) / 20_000.0).isCloseTo(0.30, within(0.02));
        assertThat(drawn.get(OrderPath.DECLINE) / 20_000.0).isCloseTo(0.20, within(0.02));
    }

    @Test
    void eachOrderIsBuiltForItsPathByTheSuitesRules() {
        for (OrderPlanner.PlannedOrder order : plan(new OrderPlanner(DEFAULT, 1, true, 0.7), 2_000)) {
            JsonNode body = Json.MAPPER.readTree(order.body());
            String customer = body.path("customer_id").asString();
            String tier = body.path("customer_tier").asString();
            List<JsonNode> items = body.path("items").valueStream().toList();
            switch (order.path()) {
                case AUTO -> {
                    assertThat(customer).doesNotStartWith("new-");
                    assertThat(tier).isNotEqualTo("new");
                    assertThat(items)
                            .allSatisfy(item -> assertThat(item.has("price")).isFalse());
                    assertThat(body.has("payment_method")).isFalse();
                }
                case REVIEW -> {
                    // 30 + 20 + 25 + 30 = 105 > 80
                    assertThat(customer).startsWith("new-");
                    assertThat(tier).isEqualTo("new");
                    assertThat(total(items)).isGreaterThan(new BigDecimal("5000"));
                    assertThat(order.reviewDecision()).isIn("approved", "rejected");
                }
                case BACKORDER ->
                    assertThat(items)
                            .allSatisfy(
                                    item -> assertThat(item.path("product_id").asString())
                                            .isEqualTo("out-of-stock-item"));
                case DECLINE ->
                    assertThat(body.path("payment_method").asString()).isEqualTo("test_decline");
            }
            assertThat(items)
                    .isNotEmpty()
                    .allSatisfy(
                            item -> assertThat(item.path("quantity").asInt()).isBetween(1, 3));
        }
    }

    @Test
    void eachOrderIsACustomerOfItsOwnSoNoHistoryMovesItsScore() {
        assertThat(plan(new OrderPlanner(DEFAULT, 5, true, 0.7), 1_000))
                .extracting(order ->
                        Json.MAPPER.readTree(order.body()).path("customer_id").asString())
                .doesNotHaveDuplicates();
    }

    @Test
    void reviewsEndWhereTheirDecisionTakesThemOrStayHeld() {
        List<OrderPlanner.PlannedOrder> decided = plan(new OrderPlanner(Mix.parse("review:1"), 3, true, 0.7), 5_000);
        long approved = decided.stream()
                .filter(order -> order.expected().status().equals("completed"))
                .count();
        assertThat(approved / 5_000.0).isCloseTo(0.7, within(0.03));
        assertThat(decided)
                .allSatisfy(order -> assertThat(order.expected().toString())
                        .isIn("completed/manual_approved", "rejected/manual_rejected"));

        assertThat(plan(new OrderPlanner(Mix.parse("review:1"), 3, false, 0.7), 10))
                .allSatisfy(order -> assertThat(order.expected().toString()).isEqualTo("manual_review/manual_review"));
    }

    @Test
    void aMixReadsBackAsWritten() {
        assertThat(Mix.parse("decline:10, auto:70").toString()).isEqualTo("auto:70,decline:10");
    }

    @Test
    void aMixThatCannotBeReadSaysWhy() {
        assertThatThrownBy(() -> Mix.parse("auto:70,fast:30")).hasMessageContaining("unknown path 'fast'");
        assertThatThrownBy(() -> Mix.parse("auto=70")).hasMessageContaining("path:weight");
        assertThatThrownBy(() -> Mix.parse("auto:x")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Mix.parse("auto:0")).hasMessageContaining("positive weight");
        assertThatThrownBy(() -> Mix.parse("auto:1,auto:2")).hasMessageContaining("twice");
    }

    private static List<OrderPlanner.PlannedOrder> plan(OrderPlanner planner, int count) {
        return IntStream.range(0, count).mapToObj(i -> planner.next()).toList();
    }

    private static BigDecimal total(List<JsonNode> items) {
        return items.stream()
                .map(item -> new BigDecimal(item.path("price").asString())
                        .multiply(BigDecimal.valueOf(item.path("quantity").asInt())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
