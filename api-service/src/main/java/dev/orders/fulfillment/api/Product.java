package dev.orders.fulfillment.api;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A catalog entry, seeded by the migration; this service only reads it. */
@Entity
@Immutable
@Table(name = "products", schema = "orders")
class Product {

    @Id
    private UUID id;
    private String sku;
    private String name;
    private String description;
    private BigDecimal price;
    private int weightGrams;

    protected Product() {
    }

    UUID id() {
        return id;
    }

    String sku() {
        return sku;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    BigDecimal price() {
        return price;
    }

    int weightGrams() {
        return weightGrams;
    }
}
