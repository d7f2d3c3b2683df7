package dev.orders.fulfillment.contracts;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface ShippingActivities {

    String TASK_QUEUE = "shipping-queue";
    /**
     * The failure type of a shipment no carrier takes: non-retryable, its message written for the customer (the
     * workflow shows it; any other failure's text stays in the logs).
     */
    String SHIPMENT_REJECTED = "ShipmentRejected";

    /** Picks a carrier and books one shipment per order (idempotent: a retry returns the same tracking id). */
    @ActivityMethod(name = "CreateShipment")
    CreateShipmentResult createShipment(CreateShipmentInput input);
}
