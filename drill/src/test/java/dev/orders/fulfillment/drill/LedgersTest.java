package dev.orders.fulfillment.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.localstack.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger checks against the services' real tables (their own Flyway migrations, on a real PostgreSQL): a clean
 * order's rows count nothing, and each kind of damage a fault could do counts exactly where it should.
 */
class LedgersTest {

    /** Each service's schema and the module whose migrations make it. */
    private static final Map<String, String> SCHEMAS = Map.of(
            "orders",
            "api-service",
            "inventory",
            "inventory-worker",
            "payment",
            "payment-worker",
            "shipping",
            "shipping-worker",
            "notification",
            "notification-worker");

    private static EmbeddedPostgres postgres;
    private Ledgers ledgers;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void migrate() throws SQLException {
        try (Connection db = postgres.getPostgresDatabase().getConnection();
                Statement sql = db.createStatement()) {
            for (String schema : SCHEMAS.keySet()) {
                sql.execute("drop schema if exists " + schema + " cascade");
            }
        }
        SCHEMAS.forEach((schema, module) -> Flyway.configure()
                .dataSource(postgres.getPostgresDatabase())
                .schemas(schema)
                .locations(
                        "filesystem:" + Settings.findRoot().resolve(module).resolve("src/main/resources/db/migration"))
                .load()
                .migrate());
        ledgers = Ledgers.before(url(), "postgres", "postgres");
    }

    @Test
    void aCompletedOrderWithAllItsRowsCountsNothing() throws Exception {
        completedOrder();

        Ledgers.Findings findings = ledgers.read();

        assertThat(findings.clean()).isTrue();
        assertThat(findings.orders()).isEqualTo(1);
    }

    @Test
    void aSecondChargeIsADuplicate() throws Exception {
        UUID order = completedOrder();
        sql("insert into payment.charges (id, order_id, idempotency_key, customer_id, amount, currency, status)"
                + " values (gen_random_uuid(), '" + order + "', 'again', 'c', 10, 'USD', 'succeeded')");

        assertThat(ledgers.read().duplicateCharges()).isEqualTo(1);
    }

    @Test
    void aChargeOnARejectedOrderNeedsItsRefund() throws Exception {
        UUID order = order("rejected");
        sql("insert into payment.charges (id, order_id, idempotency_key, customer_id, amount, currency, status)"
                + " values ('" + order + "', '" + order + "', 'k', 'c', 10, 'USD', 'succeeded')");
        notified(order, "order_rejected");

        assertThat(ledgers.read().unrefunded()).isEqualTo(1);

        sql("insert into payment.refunds (id, charge_id, order_id, amount, reason, refund_id) values"
                + " (gen_random_uuid(), '" + order + "', '" + order + "', 10, 'rejected', 'r-1')");
        assertThat(ledgers.read().clean()).isTrue();
    }

    @Test
    void stockHeldByACancelledOrderIsAnOrphanAndMovedStockIsDrift() throws Exception {
        UUID order = order("cancelled");
        notified(order, "order_cancelled");
        // reserved as the ledger does it: taken from available, so the balance holds, but never released
        sql("update inventory.stock set available = available - 2 where sku = 'prod-1'");
        sql("insert into inventory.reservations (order_id, sku, quantity, status) values ('" + order
                + "', 'prod-1', 2, 'reserved')");

        Ledgers.Findings findings = ledgers.read();
        assertThat(findings.orphanReserved()).isEqualTo(1);
        assertThat(findings.stockDrift()).isZero();

        // released without giving the stock back: two units gone
        sql("update inventory.reservations set status = 'released' where order_id = '" + order + "'");
        findings = ledgers.read();
        assertThat(findings.orphanReserved()).isZero();
        assertThat(findings.stockDrift()).isEqualTo(1);

        // a restock adds to both sides
        sql("update inventory.stock set available = available + 7 where sku = 'prod-2'");
        sql("insert into inventory.restocks (restock_id, sku, quantity, available) values ('x', 'prod-2', 7, 57)");
        assertThat(ledgers.read().stockDrift()).isEqualTo(1);
    }

    @Test
    void anEndedOrderItsCustomerWasNotToldOfAndAStuckOneAreCounted() throws Exception {
        order("payment_failed");
        order("processing");
        UUID unstarted = order("pending");
        sql("update orders.orders set workflow_started_at = null where id = '" + unstarted + "'");

        Ledgers.Findings findings = ledgers.read();

        assertThat(findings.notifications()).isEqualTo(1);
        assertThat(findings.stuck()).isEqualTo(2);
        assertThat(findings.unstarted()).isEqualTo(1);
    }

    @Test
    void ordersHeldForReviewOrStockAreNotStuck() throws Exception {
        order("manual_review");
        order("backordered");

        assertThat(ledgers.read().clean()).isTrue();
    }

    /** An order with a charge, its reservation taken from stock, a shipment and its confirmation. */
    private UUID completedOrder() throws SQLException {
        UUID order = order("completed");
        sql("insert into payment.charges (id, order_id, idempotency_key, customer_id, amount, currency, status)"
                + " values (gen_random_uuid(), '" + order + "', 'k-" + order + "', 'c', 10, 'USD', 'succeeded')");
        sql("update inventory.stock set available = available - 1 where sku = 'prod-1'");
        sql("insert into inventory.reservations (order_id, sku, quantity, status) values ('" + order
                + "', 'prod-1', 1, 'reserved')");
        sql("insert into shipping.shipments (order_id, customer_id, carrier, tracking_id, total_weight_grams,"
                + " order_value) values ('" + order + "', 'c', 'ups', 't-" + order + "', 250, 10)");
        notified(order, "order_confirmed");
        return order;
    }

    private UUID order(String status) throws SQLException {
        UUID id = UUID.randomUUID();
        sql("insert into orders.orders (id, customer_id, customer_tier, status, total_amount, workflow_id,"
                + " workflow_started_at, created_at, updated_at) values ('" + id + "', 'c', 'standard', '" + status
                + "', 10, 'order-" + id + "', now(), now(), now())");
        return id;
    }

    private void notified(UUID order, String type) throws SQLException {
        sql("insert into notification.notifications (order_id, customer_id, type, message) values ('" + order
                + "', 'c', '" + type + "', 'm')");
    }

    private static void sql(String statement) throws SQLException {
        try (Connection db = postgres.getPostgresDatabase().getConnection();
                Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }

    private static String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }
}
