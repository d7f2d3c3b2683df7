package dev.orders.fulfillment.api.product;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** The catalog joined with inventory's stock. No transaction spans the inventory calls. */
@Service
class ProductCatalog {

    private static final Pattern UUID_FORM =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private final ProductRepository products;
    private final InventoryClient inventory;

    ProductCatalog(ProductRepository products, InventoryClient inventory) {
        this.products = products;
        this.inventory = inventory;
    }

    List<ProductView> list() {
        List<Product> catalog = products.findAllByOrderBySku();
        Map<String, Integer> stock = inventory.stock();
        return catalog.stream()
                .map(product -> ProductView.of(product, stock.get(product.sku())))
                .toList();
    }

    /** By id when {@code reference} is a UUID, else by SKU. */
    Optional<ProductView> find(String reference) {
        Optional<Product> product = UUID_FORM.matcher(reference).matches()
                ? products.findById(UUID.fromString(reference))
                : products.findBySku(reference);
        return product.map(
                found -> ProductView.of(found, inventory.stock(found.sku()).orElse(null)));
    }

    /** Empty when the SKU is not in the catalog; inventory is not asked then. */
    /** {@code restockId}: the client's Idempotency-Key, or null; inventory applies each id once. */
    Optional<RestockOutcome> restock(String sku, int quantity, String restockId) {
        return products.findBySku(sku).map(product -> {
            InventoryClient.Restocked restocked = inventory.restock(sku, quantity, restockId);
            return new RestockOutcome(
                    ProductView.of(product, restocked.available()), restocked.signalledOrders(), restocked.replayed());
        });
    }

    /** {@code replayed}: the Idempotency-Key had restocked before; this is that restock's answer, nothing added. */
    record RestockOutcome(ProductView product, int signalledOrders, boolean replayed) {}
}
