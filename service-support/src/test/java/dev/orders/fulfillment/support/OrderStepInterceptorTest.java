package dev.orders.fulfillment.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderStepInterceptorTest {

    /** The step spans keep the names the dashboards and the end-to-end test know them by. */
    @ParameterizedTest
    @CsvSource({
        "FraudAssessment, fraud_assessment",
        "ReserveInventory, reserve_inventory",
        "ReleaseInventory, release_inventory",
        "ProcessPayment, process_payment",
        "RefundPayment, refund_payment",
        "CreateShipment, create_shipment",
        "SendNotification, send_notification"
    })
    void theSpanIsNamedAfterTheActivityType(String activityType, String spanName) {
        assertThat(OrderStepInterceptor.spanName(activityType)).isEqualTo(spanName);
    }
}
