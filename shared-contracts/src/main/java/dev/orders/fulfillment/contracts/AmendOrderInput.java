package dev.orders.fulfillment.contracts;

import java.util.List;

/** The items an order should have instead of its current ones, priced by the API. */
public record AmendOrderInput(List<OrderLine> lines) {}
