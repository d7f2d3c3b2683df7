package dev.orders.fulfillment.support;

import dev.orders.fulfillment.contracts.OrderActivityInput;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What every step of the five activity workers does before and around its own work, once instead of in each activity
 * method: the step's span ({@link OrderSpans}, named after the activity type, {@code ReserveInventory} →
 * {@code reserve_inventory}, a child of Temporal's {@code RunActivity}), and the seed's simulation inside it, so a
 * simulated outage is an error on that span. The activity adds what it learns to {@code Span.current()}.
 *
 * <p>Registered by the starter on every worker before the tracing interceptor, which so wraps this one.
 */
public final class OrderStepInterceptor extends WorkerInterceptorBase {

    private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    private final Simulation simulation;

    public OrderStepInterceptor(Simulation simulation) {
        this.simulation = simulation;
    }

    /** {@code FraudAssessment} → {@code fraud_assessment}: the span names the dashboards query. */
    static String spanName(String activityType) {
        return WORD_BOUNDARY.matcher(activityType).replaceAll("_").toLowerCase(Locale.ROOT);
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private String activityType;

            @Override
            public void init(ActivityExecutionContext context) {
                activityType = context.getInfo().getActivityType();
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                Object[] arguments = input.getArguments();
                if (arguments.length == 0 || !(arguments[0] instanceof OrderActivityInput order)) {
                    simulation.beforeWork(activityType);
                    return super.execute(input);
                }
                return OrderSpans.call(spanName(activityType), order.orderId(), span -> {
                    simulation.beforeWork(activityType);
                    return super.execute(input);
                });
            }
        };
    }
}
