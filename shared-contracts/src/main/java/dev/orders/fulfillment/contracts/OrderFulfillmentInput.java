package dev.orders.fulfillment.contracts;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Everything the workflow needs, captured by the API when the order is accepted; a run that continues as new hands
 * its successor the same order with a {@link BackorderContinuation}.
 */
public record OrderFulfillmentInput(
        UUID orderId,
        String customerId,
        CustomerTier customerTier,
        BigDecimal totalAmount,
        String currency,
        String paymentMethod,
        List<OrderLine> lines,
        CustomerHistory customerHistory,
        FulfillmentPolicy policy,
        BackorderContinuation continuation) {

    /** A new order: nothing to resume. */
    public OrderFulfillmentInput(
            UUID orderId,
            String customerId,
            CustomerTier customerTier,
            BigDecimal totalAmount,
            String currency,
            String paymentMethod,
            List<OrderLine> lines,
            CustomerHistory customerHistory,
            FulfillmentPolicy policy) {
        this(
                orderId,
                customerId,
                customerTier,
                totalAmount,
                currency,
                paymentMethod,
                lines,
                customerHistory,
                policy,
                null);
    }

    /** The same order with other items (an amendment): the total follows them. */
    public OrderFulfillmentInput amended(List<OrderLine> newLines) {
        BigDecimal total = newLines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new OrderFulfillmentInput(
                orderId,
                customerId,
                customerTier,
                total,
                currency,
                paymentMethod,
                List.copyOf(newLines),
                customerHistory,
                policy,
                continuation);
    }

    /** The same order, for the next run of its workflow to resume a backorder wait. */
    public OrderFulfillmentInput continuing(BackorderContinuation next) {
        return new OrderFulfillmentInput(
                orderId,
                customerId,
                customerTier,
                totalAmount,
                currency,
                paymentMethod,
                lines,
                customerHistory,
                policy,
                next);
    }
}
