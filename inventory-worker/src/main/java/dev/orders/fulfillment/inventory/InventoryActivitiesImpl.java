package dev.orders.fulfillment.inventory;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingInt;
import static java.util.stream.Collectors.toSet;

import dev.orders.fulfillment.contracts.InventoryActivities;
import dev.orders.fulfillment.contracts.OrderLine;
import dev.orders.fulfillment.contracts.ReleaseInventoryInput;
import dev.orders.fulfillment.contracts.ReserveInventoryInput;
import dev.orders.fulfillment.contracts.ReserveInventoryResult;
import dev.orders.fulfillment.support.OrderSpans;
import dev.orders.fulfillment.support.Simulation;
import io.opentelemetry.api.trace.Span;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = InventoryActivities.TASK_QUEUE)
class InventoryActivitiesImpl implements InventoryActivities {

    private static final Logger log = LoggerFactory.getLogger(InventoryActivitiesImpl.class);

    private final StockLedger ledger;
    private final Simulation simulation;

    InventoryActivitiesImpl(StockLedger ledger, Simulation simulation) {
        this.ledger = ledger;
        this.simulation = simulation;
    }

    @Override
    public ReserveInventoryResult reserve(ReserveInventoryInput input) {
        Span span = Span.current();
        SortedMap<String, Integer> requested = quantitiesPerSku(input.lines());
        span.setAttribute(OrderSpans.ORDER_ITEM_COUNT, (long) input.lines().size());
        double outOfStockRate = simulation.rate("OUT_OF_STOCK_FAILURE_RATE");
        Set<String> simulatedOutOfStock = requested.keySet().stream()
                .filter(sku -> simulation.chance(outOfStockRate))
                .collect(toSet());

        StockLedger.Reservation reservation = ledger.reserve(input.orderId(), requested, simulatedOutOfStock);
        span.setAttribute(OrderSpans.INVENTORY_ALL_AVAILABLE, reservation.reserved());
        span.setAttribute(OrderSpans.INVENTORY_UNAVAILABLE_COUNT, (long)
                reservation.shortages().size());
        if (reservation.alreadyHeld()) {
            log.info("order {}: stock already reserved", input.orderId());
        } else if (reservation.reserved()) {
            log.info("order {}: reserved {}", input.orderId(), requested);
        } else {
            log.info(
                    "order {}: backordered, short of {}{}",
                    input.orderId(),
                    reservation.shortages(),
                    simulatedOutOfStock.isEmpty() ? "" : " (simulated out of stock: " + simulatedOutOfStock + ")");
        }
        return new ReserveInventoryResult(reservation.reserved(), reservation.shortages());
    }

    @Override
    public void release(ReleaseInventoryInput input) {
        Map<String, Integer> released = ledger.release(input.orderId());
        if (released.isEmpty()) {
            log.info("order {}: nothing reserved to release ({})", input.orderId(), input.reason());
        } else {
            log.info("order {}: released {} back to stock ({})", input.orderId(), released, input.reason());
        }
    }

    /** An order may list a SKU more than once; stock is reserved per SKU. */
    private static SortedMap<String, Integer> quantitiesPerSku(List<OrderLine> lines) {
        if (lines == null || lines.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "an order without lines cannot be reserved", "InvalidOrderLines");
        }
        for (OrderLine line : lines) {
            if (line.sku() == null || line.sku().isBlank() || line.quantity() <= 0) {
                throw ApplicationFailure.newNonRetryableFailure(
                        "every line needs a SKU and a positive quantity, got " + line, "InvalidOrderLines");
            }
        }
        return lines.stream().collect(groupingBy(OrderLine::sku, TreeMap::new, summingInt(OrderLine::quantity)));
    }
}
