package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.contracts.OrderLine;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** One line of an order, priced and weighed when the order was accepted. */
@Embeddable
public record OrderItem(@Column(name = "product_id") String sku, int quantity, BigDecimal price, int weightGrams) {

    BigDecimal lineTotal() {
        return price.multiply(BigDecimal.valueOf(quantity));
    }

    public static OrderItem of(OrderLine line) {
        return new OrderItem(line.sku(), line.quantity(), line.unitPrice(), line.unitWeightGrams());
    }

    public OrderLine toLine() {
        return new OrderLine(sku, quantity, price, weightGrams);
    }
}
