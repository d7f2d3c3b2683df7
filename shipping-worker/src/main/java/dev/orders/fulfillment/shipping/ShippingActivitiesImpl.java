package dev.orders.fulfillment.shipping;

import dev.orders.fulfillment.contracts.CreateShipmentInput;
import dev.orders.fulfillment.contracts.CreateShipmentResult;
import dev.orders.fulfillment.contracts.ShippingActivities;
import dev.orders.fulfillment.support.OrderSpans;
import io.opentelemetry.api.trace.Span;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = ShippingActivities.TASK_QUEUE)
class ShippingActivitiesImpl implements ShippingActivities {

    /** The failure type of an order no carrier takes; non-retryable, since no retry makes it lighter. */
    static final String SHIPMENT_REJECTED = ShippingActivities.SHIPMENT_REJECTED;

    private static final Logger log = LoggerFactory.getLogger(ShippingActivitiesImpl.class);

    private final JdbcClient jdbc;

    ShippingActivitiesImpl(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public CreateShipmentResult createShipment(CreateShipmentInput input) {
        Span span = Span.current();
        span.setAttribute(OrderSpans.CUSTOMER_ID, input.customerId());
        span.setAttribute(OrderSpans.ORDER_ITEM_COUNT, (long) input.lines().size());
        CreateShipmentResult shipment = stored(input.orderId()).orElseGet(() -> book(input));
        span.setAttribute(OrderSpans.SHIPPING_CARRIER, shipment.carrier());
        span.setAttribute(OrderSpans.SHIPPING_TRACKING_ID, shipment.trackingId());
        log.info(
                "order {} shipment booked with {}, tracking id {}",
                input.orderId(),
                shipment.carrier(),
                shipment.trackingId());
        return shipment;
    }

    private CreateShipmentResult book(CreateShipmentInput input) {
        long weightGrams = CarrierRule.totalWeightGrams(input.lines());
        Optional<Carrier> carrier = CarrierRule.choose(weightGrams, input.customerTier(), input.orderValue());
        if (carrier.isEmpty()) {
            log.info(
                    "order {} rejected for shipping: {} g is more than any carrier takes",
                    input.orderId(),
                    weightGrams);
            throw ApplicationFailure.newNonRetryableFailure(
                    "the order weighs " + weightGrams + " g; no carrier takes more than " + CarrierRule.MAX_WEIGHT_GRAMS
                            + " g",
                    SHIPMENT_REJECTED);
        }
        jdbc.sql("""
                        INSERT INTO shipping.shipments
                            (order_id, customer_id, carrier, tracking_id, total_weight_grams, order_value)
                        VALUES (:orderId, :customerId, :carrier, :trackingId, :weightGrams, :orderValue)
                        ON CONFLICT (order_id) DO NOTHING
                        """)
                .param("orderId", input.orderId())
                .param("customerId", input.customerId())
                .param("carrier", carrier.get().wireName())
                .param("trackingId", carrier.get().newTrackingId())
                .param("weightGrams", weightGrams)
                .param("orderValue", input.orderValue())
                .update();
        // a concurrent attempt for the same order may have booked first: its tracking id is the order's
        return stored(input.orderId()).orElseThrow();
    }

    private Optional<CreateShipmentResult> stored(UUID orderId) {
        return jdbc.sql("SELECT carrier, tracking_id FROM shipping.shipments WHERE order_id = :orderId")
                .param("orderId", orderId)
                .query((rs, row) -> new CreateShipmentResult(rs.getString("carrier"), rs.getString("tracking_id")))
                .optional();
    }
}
