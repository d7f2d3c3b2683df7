package dev.orders.fulfillment.support;

import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Part of readiness: the Temporal frontend's own health check. A worker that cannot reach it cannot do its work, so
 * an outage is {@code DOWN}; a service that can (api-service: the orders table is its outbox) reports the outage as
 * the status {@code orders.health.temporal-outage} names instead, which its readiness group ranks below UP.
 */
class TemporalHealthIndicator extends AbstractHealthIndicator {

    private final WorkflowServiceStubs stubs;
    private final Status outage;

    TemporalHealthIndicator(WorkflowServiceStubs stubs, Status outage) {
        super("Temporal frontend unreachable");
        this.stubs = stubs;
        this.outage = outage;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String target = stubs.getOptions().getTarget();
        if (target != null) { // null for an in-process test server
            builder.withDetail("target", target);
        }
        HealthCheckResponse.ServingStatus status;
        try {
            status = stubs.healthCheck().getStatus();
        } catch (StatusRuntimeException e) {
            builder.status(outage)
                    .withDetail(
                            "error",
                            e.getStatus().getCode() + ": " + e.getStatus().getDescription());
            return;
        }
        builder.withDetail("status", status.name());
        builder.status(status == HealthCheckResponse.ServingStatus.SERVING ? Status.UP : outage);
    }
}
