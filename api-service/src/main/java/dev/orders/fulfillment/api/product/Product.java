package dev.orders.fulfillment.api.product;

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
public class Product {

    @Id
    private UUID id;

    private String sku;
    private String name;
    private String description;
    private BigDecimal price;
    private int weightGrams;

    protected Product() {}

    UUID id() {
        return id;
    }

    public String sku() {
        return sku;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    public BigDecimal price() {
        return price;
    }

    public int weightGrams() {
        return weightGrams;
    }
}
