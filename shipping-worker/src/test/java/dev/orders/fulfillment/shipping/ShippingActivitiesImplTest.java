package dev.orders.fulfillment.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.fulfillment.contracts.CreateShipmentInput;
import dev.orders.fulfillment.contracts.CreateShipmentResult;
import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.OrderLine;
import dev.orders.fulfillment.contracts.ShippingActivities;
import dev.orders.fulfillment.testsupport.ActivityCalls;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The activity on a real PostgreSQL, called with a real activity context. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.temporal.test-server.enabled=true",
            // whatever the developer's shell exports, simulated failures stay out of these tests
            "shipping.simulation-enabled=false"
        })
class ShippingActivitiesImplTest {

    @RegisterExtension
    final ActivityCalls calls = new ActivityCalls();

    @Autowired
    private ShippingActivitiesImpl activities;

    @Autowired
    private JdbcClient jdbc;

    private ShippingActivities shipping;

    @BeforeEach
    void activityStub() {
        shipping = calls.stub(ShippingActivities.class, activities);
    }

    @Test
    void aRepeatedBookingReturnsTheFirstShipment() {
        UUID orderId = UUID.randomUUID();
        CreateShipmentInput input = new CreateShipmentInput(
                orderId,
                "test-customer",
                CustomerTier.STANDARD,
                new BigDecimal("59.98"),
                List.of(new OrderLine("prod-1", 2, new BigDecimal("29.99"), 250)));

        CreateShipmentResult first = shipping.createShipment(input);
        CreateShipmentResult again = shipping.createShipment(input);

        assertThat(first.carrier()).isEqualTo("postal");
        assertThat(first.trackingId()).matches("PST-[A-Z0-9]{12}");
        assertThat(again).isEqualTo(first);
        assertThat(jdbc.sql("""
                        SELECT customer_id, carrier, tracking_id, total_weight_grams, order_value
                        FROM shipping.shipments WHERE order_id = :orderId
                        """)
                        .param("orderId", orderId)
                        .query((rs, row) -> List.of(
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getBigDecimal(5)))
                        .list())
                .containsExactly(List.of("test-customer", "postal", first.trackingId(), 500L, new BigDecimal("59.98")));
    }

    @Test
    void anOrderOverOneTonneIsRejectedForGoodAndNothingIsBooked() {
        UUID orderId = UUID.randomUUID();
        CreateShipmentInput input = new CreateShipmentInput(
                orderId,
                "test-customer",
                CustomerTier.STANDARD,
                new BigDecimal("24999.00"),
                List.of(new OrderLine("industrial-press", 1, new BigDecimal("24999.00"), 1_500_000)));

        assertThatThrownBy(() -> shipping.createShipment(input))
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo("ShipmentRejected");
                    assertThat(failure.isNonRetryable()).isTrue();
                });
        assertThat(jdbc.sql("SELECT count(*) FROM shipping.shipments WHERE order_id = :orderId")
                        .param("orderId", orderId)
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
