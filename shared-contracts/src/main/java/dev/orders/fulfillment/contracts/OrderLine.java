package dev.orders.fulfillment.contracts;

import java.math.BigDecimal;

/** One order item; {@code sku} is the seed's {@code product_id}. */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice, int unitWeightGrams) {

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
