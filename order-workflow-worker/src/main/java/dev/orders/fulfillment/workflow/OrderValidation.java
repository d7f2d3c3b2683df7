package dev.orders.fulfillment.workflow;

import dev.orders.fulfillment.contracts.OrderFulfillmentInput;
import dev.orders.fulfillment.contracts.OrderLine;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The workflow's own check of its input. The API validates requests strictly, so this guards against
 * other starters (the Temporal CLI or UI, a script) rather than users; it is pure code, so it needs no activity.
 */
final class OrderValidation {

    private OrderValidation() {}

    static Optional<String> problem(OrderFulfillmentInput order) {
        if (order.customerId() == null || order.customerId().isBlank()) {
            return Optional.of("customer id is required");
        }
        if (order.customerTier() == null) {
            return Optional.of("customer tier is required");
        }
        if (order.lines() == null || order.lines().isEmpty()) {
            return Optional.of("order must contain at least one item");
        }
        for (OrderLine line : order.lines()) {
            if (line.quantity() <= 0) {
                return Optional.of("quantity of " + line.sku() + " must be greater than zero");
            }
            if (line.unitPrice() == null || line.unitPrice().signum() <= 0) {
                return Optional.of("price of " + line.sku() + " must be greater than zero");
            }
        }
        BigDecimal total = order.lines().stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (order.totalAmount() == null || total.compareTo(order.totalAmount()) != 0) {
            return Optional.of("total " + order.totalAmount() + " does not match the items (" + total + ")");
        }
        if (order.policy() == null) {
            return Optional.of("fulfilment policy is required");
        }
        return Optional.empty();
    }
}
