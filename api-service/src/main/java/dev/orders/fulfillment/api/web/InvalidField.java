package dev.orders.fulfillment.api.web;

/** One entry of a problem's {@code errors}: the offending field as the client wrote it ({@code items[0].quantity}). */
public record InvalidField(String field, String message) {}
