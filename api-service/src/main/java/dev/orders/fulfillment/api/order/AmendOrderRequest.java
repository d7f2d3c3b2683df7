package dev.orders.fulfillment.api.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code PUT /api/orders/{id}}: the items the order should have instead, as {@code POST} takes them. */
record AmendOrderRequest(@NotNull @Size(min = 1, max = 100) List<PlaceOrderRequest.@NotNull @Valid Item> items) {}
