package dev.orders.fulfillment.inventory;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.fulfillment.contracts.InventoryActivities;
import dev.orders.fulfillment.contracts.OrderLine;
import dev.orders.fulfillment.contracts.ReleaseInventoryInput;
import dev.orders.fulfillment.contracts.ReserveInventoryInput;
import dev.orders.fulfillment.contracts.ReserveInventoryResult;
import dev.orders.fulfillment.contracts.ReserveInventoryResult.StockShortage;
import dev.orders.fulfillment.support.Simulation;
import dev.orders.fulfillment.testsupport.ActivityCalls;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The activities as a workflow calls them: through Temporal's activity environment, on the real database. */
class InventoryActivitiesTest extends InventoryWorkerTestContext {

    @RegisterExtension
    final ActivityCalls calls = new ActivityCalls();

    @Autowired
    InventoryActivitiesImpl activitiesBean;

    @Autowired
    StockLedger ledger;

    private InventoryActivities activities;

    @BeforeEach
    void activityStub() {
        activities = calls.stub(InventoryActivities.class, activitiesBean);
    }

    @Test
    void reservingTwiceHoldsTheStockOnce() {
        String widget = newSku(10);
        String gadget = newSku(5);
        UUID order = UUID.randomUUID();
        ReserveInventoryInput input = new ReserveInventoryInput(order, List.of(line(widget, 3), line(gadget, 2)));

        ReserveInventoryResult first = activities.reserve(input);
        ReserveInventoryResult retry = activities.reserve(input);

        assertThat(first.reserved()).isTrue();
        assertThat(first.shortages()).isEmpty();
        assertThat(retry.reserved()).isTrue();
        assertThat(available(widget)).isEqualTo(7);
        assertThat(available(gadget)).isEqualTo(3);
        assertThat(reservations(order)).containsOnly(Map.entry(widget, 3), Map.entry(gadget, 2));
    }

    @Test
    void linesOfTheSameSkuAreReservedTogether() {
        String widget = newSku(10);
        UUID order = UUID.randomUUID();

        ReserveInventoryResult result =
                activities.reserve(new ReserveInventoryInput(order, List.of(line(widget, 2), line(widget, 3))));

        assertThat(result.reserved()).isTrue();
        assertThat(available(widget)).isEqualTo(5);
        assertThat(reservations(order)).containsOnly(Map.entry(widget, 5));
    }

    @Test
    void aShortOrderIsBackorderedWithoutTouchingStock() {
        String plenty = newSku(10);
        String scarce = newSku(1);
        String unknown = "unknown-" + UUID.randomUUID();
        UUID order = UUID.randomUUID();

        ReserveInventoryResult result = activities.reserve(new ReserveInventoryInput(
                order, List.of(line(plenty, 2), line(scarce, 2), line(scarce, 1), line(unknown, 1))));

        assertThat(result.reserved()).isFalse();
        assertThat(result.shortages())
                .containsExactlyInAnyOrder(new StockShortage(scarce, 3, 1), new StockShortage(unknown, 1, 0));
        assertThat(available(plenty)).isEqualTo(10);
        assertThat(available(scarce)).isEqualTo(1);
        assertThat(reservations(order)).isEmpty();
        assertThat(backorders(order)).containsOnly(scarce, unknown);
    }

    @Test
    void aBackorderedOrderReservesOnceStockIsBackAndStopsWaiting() {
        String scarce = newSku(0);
        UUID order = UUID.randomUUID();
        ReserveInventoryInput input = new ReserveInventoryInput(order, List.of(line(scarce, 4)));
        assertThat(activities.reserve(input).reserved()).isFalse();

        ledger.restock(scarce, 4, null);
        ReserveInventoryResult retry = activities.reserve(input);

        assertThat(retry.reserved()).isTrue();
        assertThat(available(scarce)).isZero();
        assertThat(backorders(order)).isEmpty();
    }

    @Test
    void releasingTwicePutsTheStockBackOnce() {
        String widget = newSku(10);
        UUID order = UUID.randomUUID();
        activities.reserve(new ReserveInventoryInput(order, List.of(line(widget, 4))));
        assertThat(available(widget)).isEqualTo(6);

        activities.release(new ReleaseInventoryInput(order, "cancelled"));
        activities.release(new ReleaseInventoryInput(order, "cancelled"));

        assertThat(available(widget)).isEqualTo(10);
        assertThat(jdbc.sql("""
                        select count(*) from inventory.reservations
                        where order_id = :order and status = 'released' and released_at is not null""").param("order", order).query(Integer.class).single())
                .isOne();
    }

    @Test
    void aReleasedOrderCanBeReservedAgain() {
        String widget = newSku(10);
        UUID order = UUID.randomUUID();
        ReserveInventoryInput input = new ReserveInventoryInput(order, List.of(line(widget, 4)));
        activities.reserve(input);
        activities.release(new ReleaseInventoryInput(order, "re-driven"));

        ReserveInventoryResult again = activities.reserve(input);

        assertThat(again.reserved()).isTrue();
        assertThat(available(widget)).isEqualTo(6);
        assertThat(jdbc.sql("select status from inventory.reservations where order_id = :order and released_at is null")
                        .param("order", order)
                        .query(String.class)
                        .list())
                .containsExactly("reserved");
    }

    @Test
    void releasingAWaitingOrderEndsItsBackorder() {
        String scarce = newSku(0);
        UUID order = UUID.randomUUID();
        activities.reserve(new ReserveInventoryInput(order, List.of(line(scarce, 1))));

        activities.release(new ReleaseInventoryInput(order, "backorder window ended"));

        assertThat(backorders(order)).isEmpty();
        assertThat(available(scarce)).isZero();
    }

    @Test
    void simulatedOutOfStockBackordersAnOrderThatWouldFit() {
        String widget = newSku(10);
        UUID order = UUID.randomUUID();
        var alwaysOut = new InventoryActivitiesImpl(
                ledger, Simulation.fromVariables(Map.of("INVENTORY_OUT_OF_STOCK_FAILURE_RATE", "1"), "INVENTORY"));

        ReserveInventoryResult result = alwaysOut.reserve(new ReserveInventoryInput(order, List.of(line(widget, 1))));

        assertThat(result.reserved()).isFalse();
        assertThat(result.shortages()).containsExactly(new StockShortage(widget, 1, 0));
        assertThat(available(widget)).isEqualTo(10);
    }

    @Test
    void anOrderWithoutLinesFailsForGood() {
        assertThatThrownBy(() -> activities.reserve(new ReserveInventoryInput(UUID.randomUUID(), List.of())))
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo("InvalidOrderLines");
                    assertThat(failure.isNonRetryable()).isTrue();
                });
    }

    private static OrderLine line(String sku, int quantity) {
        return new OrderLine(sku, quantity, new BigDecimal("9.99"), 100);
    }

    private Map<String, Integer> reservations(UUID order) {
        return jdbc
                .sql("select sku, quantity from inventory.reservations where order_id = :order and status = 'reserved'")
                .param("order", order)
                .query((rs, row) -> Map.entry(rs.getString("sku"), rs.getInt("quantity")))
                .list()
                .stream()
                .collect(toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private List<String> backorders(UUID order) {
        return jdbc.sql("select sku from inventory.backorders where order_id = :order")
                .param("order", order)
                .query(String.class)
                .list();
    }
}
