package dev.orders.fulfillment.notification;

import dev.orders.fulfillment.contracts.NotificationActivities;
import dev.orders.fulfillment.contracts.SendNotificationInput;
import dev.orders.fulfillment.support.OrderSpans;
import io.opentelemetry.api.trace.Span;
import io.temporal.spring.boot.ActivityImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = NotificationActivities.TASK_QUEUE)
class NotificationActivitiesImpl implements NotificationActivities {

    private static final Logger log = LoggerFactory.getLogger(NotificationActivitiesImpl.class);

    private final JdbcClient jdbc;

    NotificationActivitiesImpl(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void send(SendNotificationInput input) {
        Span span = Span.current();
        span.setAttribute(OrderSpans.CUSTOMER_ID, input.customerId());
        span.setAttribute(OrderSpans.NOTIFICATION_TYPE, input.type().wireName());
        span.setAttribute(OrderSpans.NOTIFICATION_SENT, recordAndSend(input));
    }

    /** Whether this call sent it: false when an earlier attempt, or an earlier run of the order, already had. */
    private boolean recordAndSend(SendNotificationInput input) {
        // recorded before it is sent, so a retry or a re-driven order finds the row and never sends it twice
        int recorded = jdbc.sql("""
                        INSERT INTO notification.notifications (order_id, customer_id, type, message)
                        VALUES (:orderId, :customerId, :type, :message)
                        ON CONFLICT (order_id, type) DO NOTHING
                        """)
                .param("orderId", input.orderId())
                .param("customerId", input.customerId())
                .param("type", input.type().wireName())
                .param("message", input.message())
                .update();
        if (recorded == 0) {
            log.debug(
                    "order {}: {} notification already sent",
                    input.orderId(),
                    input.type().wireName());
            return false;
        }
        // This log line is the demo's delivery channel: a real service would hand the message to its e-mail or
        // SMS provider here.
        log.info(
                "notification sent: order {}, customer {}, type {}, message: {}",
                input.orderId(),
                input.customerId(),
                input.type().wireName(),
                input.message());
        return true;
    }
}
