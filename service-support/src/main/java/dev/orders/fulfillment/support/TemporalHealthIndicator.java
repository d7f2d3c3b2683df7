package dev.orders.fulfillment.support;

import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Part of readiness: a service that cannot reach the Temporal frontend cannot do its work. */
class TemporalHealthIndicator extends AbstractHealthIndicator {

    private final WorkflowServiceStubs stubs;

    TemporalHealthIndicator(WorkflowServiceStubs stubs) {
        super("Temporal frontend unreachable");
        this.stubs = stubs;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        HealthCheckResponse.ServingStatus status = stubs.healthCheck().getStatus();
        String target = stubs.getOptions().getTarget();
        if (target != null) { // null for an in-process test server
            builder.withDetail("target", target);
        }
        builder.withDetail("status", status.name());
        if (status == HealthCheckResponse.ServingStatus.SERVING) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
