package dev.orders.fulfillment.contracts;

import java.util.UUID;

public record SendNotificationInput(UUID orderId, String customerId, NotificationType type, String message)
        implements OrderActivityInput {}
