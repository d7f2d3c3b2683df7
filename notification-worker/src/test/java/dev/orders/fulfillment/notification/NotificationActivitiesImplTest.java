package dev.orders.fulfillment.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.contracts.NotificationActivities;
import dev.orders.fulfillment.contracts.NotificationType;
import dev.orders.fulfillment.contracts.SendNotificationInput;
import dev.orders.fulfillment.testsupport.ActivityCalls;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The activity on a real PostgreSQL, called with a real activity context; its log is its delivery channel. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.temporal.test-server.enabled=true",
            // whatever the developer's shell exports, simulated failures stay out of these tests
            "notification.simulation-enabled=false"
        })
class NotificationActivitiesImplTest {

    @RegisterExtension
    final ActivityCalls calls = new ActivityCalls();

    @Autowired
    private NotificationActivitiesImpl activities;

    @Autowired
    private JdbcClient jdbc;

    private NotificationActivities notifications;

    @BeforeEach
    void activityStub() {
        notifications = calls.stub(NotificationActivities.class, activities);
    }

    @Test
    void theSameNotificationIsRecordedAndSentOnce(CapturedOutput output) {
        UUID orderId = UUID.randomUUID();
        var confirmed = new SendNotificationInput(
                orderId, "test-customer", NotificationType.ORDER_CONFIRMED, "Your order is confirmed.");

        notifications.send(confirmed);
        notifications.send(confirmed);

        assertThat(stored(orderId))
                .containsExactly(List.of("test-customer", "order_confirmed", "Your order is confirmed."));
        assertThat(output.getOut().lines().filter(line -> line.contains("notification sent: order " + orderId)))
                .hasSize(1);
    }

    @Test
    void eachTypeIsItsOwnNotification() {
        UUID orderId = UUID.randomUUID();

        notifications.send(new SendNotificationInput(
                orderId, "test-customer", NotificationType.MANUAL_REVIEW, "Your order is under review."));
        notifications.send(new SendNotificationInput(
                orderId, "test-customer", NotificationType.ORDER_REJECTED, "Your order was not approved."));

        assertThat(stored(orderId))
                .containsExactlyInAnyOrder(
                        List.of("test-customer", "manual_review", "Your order is under review."),
                        List.of("test-customer", "order_rejected", "Your order was not approved."));
    }

    private List<List<String>> stored(UUID orderId) {
        return jdbc.sql("SELECT customer_id, type, message FROM notification.notifications WHERE order_id = :orderId")
                .param("orderId", orderId)
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }
}
