package dev.orders.fulfillment.contracts;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The order's items from amendment {@code revision} on; writing the same revision twice changes nothing. */
public record RecordOrderAmendmentInput(UUID orderId, int revision, List<OrderLine> lines, BigDecimal totalAmount) {}
