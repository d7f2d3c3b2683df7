package dev.orders.fulfillment.inventory;

import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one application context of this module's tests: the real worker on a random port, a real PostgreSQL and
 * the starter's in-process Temporal test server. Tests share the stock table, so each works on SKUs of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.temporal.test-server.enabled=true",
            "inventory.simulation-enabled=false",
            "INVENTORY_API_PASSWORD=" + InventoryWorkerTestContext.API_PASSWORD
        })
abstract class InventoryWorkerTestContext {

    /** What api-service signs in with ({@code spring.security.user}). */
    static final String API_PASSWORD = "test-api-password";

    @Autowired
    JdbcClient jdbc;

    /** A SKU only the calling test uses, stocked with the given quantity. */
    String newSku(int available) {
        String sku = "test-" + UUID.randomUUID();
        jdbc.sql("insert into inventory.stock (sku, available) values (:sku, :available)")
                .param("sku", sku)
                .param("available", available)
                .update();
        return sku;
    }

    int available(String sku) {
        return jdbc.sql("select available from inventory.stock where sku = :sku")
                .param("sku", sku)
                .query(Integer.class)
                .single();
    }
}
