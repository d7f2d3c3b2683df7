package dev.orders.fulfillment.contracts;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Everything the workflow needs, captured by the API when the order is accepted. */
public record OrderFulfillmentInput(
        UUID orderId,
        String customerId,
        CustomerTier customerTier,
        BigDecimal totalAmount,
        String currency,
        String paymentMethod,
        List<OrderLine> lines,
        CustomerHistory customerHistory,
        FulfillmentPolicy policy) {
}
