package dev.orders.fulfillment.contracts;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface ShippingActivities {

    String TASK_QUEUE = "shipping-queue";

    /** Picks a carrier and books one shipment per order (idempotent: a retry returns the same tracking id). */
    @ActivityMethod(name = "CreateShipment")
    CreateShipmentResult createShipment(CreateShipmentInput input);
}
