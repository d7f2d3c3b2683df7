package dev.orders.fulfillment.drill;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the services' own tables say, read across their schemas as the database's owner: the invariants a fault must
 * not break, whatever the API answered. Each query counts violations, so 0 is the only good answer.
 */
final class Ledgers {

    /** The end an order's customer must have been told of, by terminal status. */
    private static final String NOTIFICATION_OF_END = """
            case o.status when 'completed' then 'order_confirmed' when 'rejected' then 'order_rejected'
                          when 'payment_failed' then 'payment_failed' when 'cancelled' then 'order_cancelled' end""";

    private static final String TERMINAL = "('completed', 'rejected', 'payment_failed', 'cancelled')";
    private static final String UNPAID = "('rejected', 'payment_failed', 'cancelled')";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    /** Per SKU: available + reserved − restocked, which no order may change (taken before any traffic). */
    private final Map<String, Long> stockBaseline;

    private Ledgers(String jdbcUrl, String user, String password) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.stockBaseline = stockBalance();
    }

    /** Reads the stock baseline now: call before the first order. */
    static Ledgers before(String jdbcUrl, String user, String password) throws SQLException {
        return new Ledgers(jdbcUrl, user, password);
    }

    /**
     * What the tables show now.
     *
     * @param stuck            orders neither terminal nor resting where nobody acts (review, backorder)
     * @param unstarted        orders whose workflow was never started
     * @param duplicateCharges orders charged more than once
     * @param unrefunded       orders that ended unpaid with a charge but no refund of it
     * @param orphanReserved   orders that ended without a shipment yet still hold stock
     * @param stockDrift       SKUs whose available + reserved − restocked moved from the baseline
     * @param notifications    (order, type) sent more than once, or an ended order its customer was not told of
     */
    record Findings(
            long orders,
            long stuck,
            long unstarted,
            long duplicateCharges,
            long unrefunded,
            long orphanReserved,
            long stockDrift,
            long notifications) {

        boolean clean() {
            return stuck == 0
                    && unstarted == 0
                    && duplicateCharges == 0
                    && unrefunded == 0
                    && orphanReserved == 0
                    && stockDrift == 0
                    && notifications == 0;
        }
    }

    Findings read() throws SQLException {
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            Map<String, Long> balance = stockBalance(sql);
            long drift = balance.entrySet().stream()
                    .filter(sku -> !sku.getValue().equals(stockBaseline.getOrDefault(sku.getKey(), 0L)))
                    .count();
            return new Findings(
                    count(sql, "select count(*) from orders.orders"),
                    count(
                            sql,
                            "select count(*) from orders.orders where status not in " + TERMINAL
                                    + " and status not in ('manual_review', 'backordered')"),
                    count(sql, "select count(*) from orders.orders where workflow_started_at is null"),
                    count(sql, """
                            select count(*) from (select order_id from payment.charges where status = 'succeeded'
                                                  group by order_id having count(*) > 1) twice"""),
                    count(
                            sql,
                            "select count(*) from payment.charges c join orders.orders o on o.id = c.order_id"
                                    + " left join payment.refunds r on r.charge_id = c.id where c.status = 'succeeded'"
                                    + " and o.status in " + UNPAID + " and r.id is null"),
                    count(
                            sql,
                            "select count(distinct r.order_id) from inventory.reservations r"
                                    + " join orders.orders o on o.id = r.order_id"
                                    + " left join shipping.shipments s on s.order_id = r.order_id"
                                    + " where r.status = 'reserved' and o.status in " + TERMINAL
                                    + " and s.order_id is null"),
                    drift,
                    count(
                            sql,
                            "select (select count(*) from (select 1 from notification.notifications"
                                    + " group by order_id, type having count(*) > 1) twice)"
                                    + " + (select count(*) from orders.orders o where o.status in " + TERMINAL
                                    + " and not exists (select 1 from notification.notifications n where n.order_id = o.id"
                                    + " and n.type = " + NOTIFICATION_OF_END + "))"));
        }
    }

    /**
     * Reads until the tables are clean or {@code patience} has passed: the last workflows may still be writing
     * their final rows when the API already shows the state. The last reading either way.
     */
    Findings settle(Duration patience) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Findings findings = read();
        while (!findings.clean() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            findings = read();
        }
        return findings;
    }

    /** Orders the API took between two instants (the drill's clock and the database's are the same machine's). */
    long ordersCreatedBetween(java.time.Instant from, java.time.Instant to) throws SQLException {
        try (Connection db = connect();
                var query = db.prepareStatement(
                        "select count(*) from orders.orders where created_at >= ? and created_at < ?")) {
            query.setObject(1, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
            query.setObject(2, java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Map<String, Long> stockBalance() throws SQLException {
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            return stockBalance(sql);
        }
    }

    private static Map<String, Long> stockBalance(Statement sql) throws SQLException {
        Map<String, Long> balance = new TreeMap<>();
        try (ResultSet rows = sql.executeQuery("""
                select s.sku, s.available
                       + coalesce((select sum(quantity) from inventory.reservations r
                                   where r.sku = s.sku and r.status = 'reserved'), 0)
                       - coalesce((select sum(quantity) from inventory.restocks x where x.sku = s.sku), 0)
                from inventory.stock s""")) {
            while (rows.next()) {
                balance.put(rows.getString(1), rows.getLong(2));
            }
        }
        return balance;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
