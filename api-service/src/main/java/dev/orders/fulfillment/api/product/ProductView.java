package dev.orders.fulfillment.api.product;

import java.math.BigDecimal;
import java.util.UUID;

/** A product as the API shows it; {@code stock} is null when inventory could not say. */
record ProductView(
        UUID id, String sku, String name, String description, BigDecimal price, int weightGrams, Integer stock) {

    static ProductView of(Product product, Integer stock) {
        return new ProductView(
                product.id(),
                product.sku(),
                product.name(),
                product.description(),
                product.price(),
                product.weightGrams(),
                stock);
    }
}
