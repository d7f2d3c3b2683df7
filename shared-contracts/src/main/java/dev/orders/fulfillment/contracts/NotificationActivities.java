package dev.orders.fulfillment.contracts;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface NotificationActivities {

    String TASK_QUEUE = "notification-queue";

    /** Persists and sends one notification per order and type; a repeat is recognised and not sent again. */
    @ActivityMethod(name = "SendNotification")
    void send(SendNotificationInput input);
}
