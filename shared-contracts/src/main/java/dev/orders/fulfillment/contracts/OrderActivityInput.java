package dev.orders.fulfillment.contracts;

import java.util.UUID;

/**
 * The input of an activity that does one step of one order: the workers' step span carries its id (service-support's
 * {@code OrderStepInterceptor}), whichever activity it is.
 */
public interface OrderActivityInput {

    UUID orderId();
}
