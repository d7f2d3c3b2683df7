package dev.orders.fulfillment.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.worker.WorkerFactoryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderStepInterceptorTest {

    /**
     * Innermost, inside Temporal's tracing interceptor (which the starter puts first): the SDK wraps each interceptor
     * around the ones before it, so the step span runs inside RunActivity, in the order's trace.
     */
    @Test
    void itGoesInsideTheInterceptorsTheStarterSet() {
        WorkerInterceptor tracing = new OpenTracingWorkerInterceptor();
        WorkerInterceptor heartbeats = new WorkerInterceptorBase();
        OrderStepInterceptor steps =
                new OrderStepInterceptor(Simulation.disabled(), new OrderSpans(OpenTelemetry.noop()));

        WorkerFactoryOptions options = steps.addInnermost(
                        WorkerFactoryOptions.newBuilder().setWorkerInterceptors(tracing, heartbeats))
                .build();

        assertThat(options.getWorkerInterceptors()).containsExactly(steps, tracing, heartbeats);
    }

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
