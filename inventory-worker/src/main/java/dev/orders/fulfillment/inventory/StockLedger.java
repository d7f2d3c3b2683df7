package dev.orders.fulfillment.inventory;

import static java.util.stream.Collectors.toMap;

import dev.orders.fulfillment.contracts.ReserveInventoryResult.StockShortage;
import dev.orders.fulfillment.support.OrderTraces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Stock, reservations and backorders; every change is one transaction. */
@Repository
class StockLedger {

    /** Far above any real stock, and far below where the {@code int} column would overflow. */
    static final int MAX_AVAILABLE = 1_000_000_000;

    private final JdbcClient jdbc;

    StockLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Either the order held its stock already, or it now holds all of it, or it is short and nothing changed. */
    record Reservation(boolean alreadyHeld, List<StockShortage> shortages) {

        boolean reserved() {
            return shortages.isEmpty();
        }
    }

    /**
     * The stock after a restock, and the orders waiting for that SKU; {@code replayed} when the restock id had been
     * applied before, and this answer is that restock's (nothing added now).
     */
    record Restock(int available, List<WaitingOrder> waitingOrders, boolean replayed) {}

    /** A restock id sent again for a different SKU or quantity: a client bug, refused rather than guessed at. */
    static class RestockIdReusedException extends RuntimeException {
        RestockIdReusedException(String message) {
            super(message);
        }
    }

    private record RecordedRestock(String sku, int quantity, int available) {}

    /** An order waiting for stock, and the trace it was backordered in (null when untraced). */
    record WaitingOrder(UUID orderId, String traceParent) {}

    /**
     * @param requested quantity per SKU, in SKU order
     * @param simulatedOutOfStock SKUs to treat as having nothing available
     */
    @Transactional
    public Reservation reserve(UUID orderId, SortedMap<String, Integer> requested, Set<String> simulatedOutOfStock) {
        // Locking in SKU order keeps concurrent orders from deadlocking, and locking before the idempotency
        // check serialises a retry that races its own earlier attempt: the second one sees the first's rows.
        Map<String, Integer> stock =
                jdbc.sql("""
                        select sku, available from inventory.stock
                        where sku in (:skus)
                        order by sku
                        for update""").param("skus", requested.keySet()).query(StockLevel.class).list().stream()
                        .collect(toMap(StockLevel::sku, StockLevel::available));
        if (holdsReservation(orderId)) {
            return new Reservation(true, List.of());
        }

        List<StockShortage> shortages = new ArrayList<>();
        requested.forEach((sku, quantity) -> {
            int available = simulatedOutOfStock.contains(sku) ? 0 : stock.getOrDefault(sku, 0);
            if (available < quantity) {
                shortages.add(new StockShortage(sku, quantity, available));
            }
        });
        if (shortages.isEmpty()) {
            requested.forEach((sku, quantity) -> take(orderId, sku, quantity));
            clearBackorders(orderId);
        } else {
            recordBackorders(orderId, shortages);
        }
        return new Reservation(false, shortages);
    }

    /** @return the quantity put back per SKU; empty when the order held nothing */
    @Transactional
    public Map<String, Integer> release(UUID orderId) {
        Map<String, Integer> released = new TreeMap<>(); // iterated in SKU order: the lock order of reserve
        jdbc.sql("""
                        update inventory.reservations set status = 'released', released_at = now()
                        where order_id = :orderId and status = 'reserved'
                        returning sku, quantity""").param("orderId", orderId).query(rs -> {
            released.put(rs.getString("sku"), rs.getInt("quantity"));
        });
        released.forEach((sku, quantity) ->
                jdbc.sql("""
                        update inventory.stock set available = available + :quantity, updated_at = now()
                        where sku = :sku""").param("quantity", quantity).param("sku", sku).update());
        clearBackorders(orderId);
        return released;
    }

    /**
     * Adds {@code quantity} to the SKU, once per {@code restockId} (null: no id, every call adds): the same id again
     * answers what the first call did and adds nothing, so a retry after a timeout never doubles the stock. Calls
     * with one id are serialized by a transaction-scoped advisory lock on it.
     *
     * @return empty when the SKU is unknown or the restock would take it past {@link #MAX_AVAILABLE}
     * @throws RestockIdReusedException when the id was used for another SKU or quantity
     */
    @Transactional
    public Optional<Restock> restock(String sku, int quantity, String restockId) {
        if (restockId != null) {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:id, 0))")
                    .param("id", restockId)
                    .query()
                    .listOfRows();
            Optional<RecordedRestock> earlier = jdbc.sql("""
                            select sku, quantity, available from inventory.restocks where restock_id = :id""")
                    .param("id", restockId)
                    .query(RecordedRestock.class)
                    .optional();
            if (earlier.isPresent()) {
                RecordedRestock first = earlier.get();
                if (!first.sku().equals(sku) || first.quantity() != quantity) {
                    throw new RestockIdReusedException("restock id " + restockId + " was used to restock " + first.sku()
                            + " by " + first.quantity() + ", not " + sku + " by " + quantity);
                }
                return Optional.of(new Restock(first.available(), ordersWaitingFor(sku), true));
            }
        }
        Optional<Restock> restock = jdbc.sql("""
                        update inventory.stock set available = available + :quantity, updated_at = now()
                        where sku = :sku and available <= :ceiling - :quantity
                        returning available""")
                .param("quantity", quantity)
                .param("ceiling", MAX_AVAILABLE)
                .param("sku", sku)
                .query(Integer.class)
                .optional()
                .map(available -> new Restock(available, ordersWaitingFor(sku), false));
        if (restockId != null) {
            restock.ifPresent(done -> jdbc.sql("""
                            insert into inventory.restocks (restock_id, sku, quantity, available)
                            values (:id, :sku, :quantity, :available)""")
                    .param("id", restockId)
                    .param("sku", sku)
                    .param("quantity", quantity)
                    .param("available", done.available())
                    .update());
        }
        return restock;
    }

    @Transactional(readOnly = true)
    public List<StockLevel> all() {
        return jdbc.sql("select sku, available from inventory.stock order by sku")
                .query(StockLevel.class)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<StockLevel> find(String sku) {
        return jdbc.sql("select sku, available from inventory.stock where sku = :sku")
                .param("sku", sku)
                .query(StockLevel.class)
                .optional();
    }

    private boolean holdsReservation(UUID orderId) {
        return jdbc.sql("""
                        select exists (select 1 from inventory.reservations
                                       where order_id = :orderId and status = 'reserved')""").param("orderId", orderId).query(Boolean.class).single();
    }

    private void take(UUID orderId, String sku, int quantity) {
        jdbc.sql("update inventory.stock set available = available - :quantity, updated_at = now() where sku = :sku")
                .param("quantity", quantity)
                .param("sku", sku)
                .update();
        // a released order that is reserved again (a re-driven workflow) reuses its rows
        jdbc.sql("""
                        insert into inventory.reservations (order_id, sku, quantity, status)
                        values (:orderId, :sku, :quantity, 'reserved')
                        on conflict (order_id, sku) do update
                        set quantity = excluded.quantity, status = 'reserved', reserved_at = now(), released_at = null""")
                .param("orderId", orderId)
                .param("sku", sku)
                .param("quantity", quantity)
                .update();
    }

    private void recordBackorders(UUID orderId, List<StockShortage> shortages) {
        String traceParent = OrderTraces.current();
        for (StockShortage shortage : shortages) {
            jdbc.sql("""
                            insert into inventory.backorders (order_id, sku, requested, available, trace_parent)
                            values (:orderId, :sku, :requested, :available, :traceParent)
                            on conflict (order_id, sku) do update
                            set requested = excluded.requested, available = excluded.available""")
                    .param("orderId", orderId)
                    .param("traceParent", traceParent)
                    .param("sku", shortage.sku())
                    .param("requested", shortage.requested())
                    .param("available", shortage.available())
                    .update();
        }
        // a SKU that has come back since the last attempt no longer makes the order wait
        jdbc.sql("delete from inventory.backorders where order_id = :orderId and sku not in (:short)")
                .param("orderId", orderId)
                .param("short", shortages.stream().map(StockShortage::sku).toList())
                .update();
    }

    private void clearBackorders(UUID orderId) {
        jdbc.sql("delete from inventory.backorders where order_id = :orderId")
                .param("orderId", orderId)
                .update();
    }

    private List<WaitingOrder> ordersWaitingFor(String sku) {
        return jdbc.sql("""
                        select order_id, trace_parent from inventory.backorders
                        where sku = :sku order by created_at, order_id""").param("sku", sku).query(WaitingOrder.class).list();
    }
}
