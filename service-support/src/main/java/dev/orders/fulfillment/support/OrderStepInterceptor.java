package dev.orders.fulfillment.support;

import dev.orders.fulfillment.contracts.OrderActivityInput;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What every step of the five activity workers does before and around its own work, once instead of in each activity
 * method: the step's span ({@link OrderSpans}, named after the activity type, {@code ReserveInventory} →
 * {@code reserve_inventory}, a child of Temporal's {@code RunActivity}), and the seed's simulation inside it, so a
 * simulated outage is an error on that span. The activity adds what it learns to {@code Span.current()}.
 *
 * <p>It must be the innermost interceptor, inside Temporal's tracing one (whose {@code RunActivity} span carries the
 * order's trace from the workflow's headers): the starter puts tracing first and every {@code WorkerInterceptor}
 * bean around it, so this one is not a bean but added by {@link #addInnermost} from an options customizer.
 */
public final class OrderStepInterceptor extends WorkerInterceptorBase {

    private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    private final Simulation simulation;
    private final OrderSpans spans;

    public OrderStepInterceptor(Simulation simulation, OrderSpans spans) {
        this.simulation = simulation;
        this.spans = spans;
    }

    /** Puts this interceptor first among the factory's, closest to the activity: later ones wrap it. */
    public WorkerFactoryOptions.Builder addInnermost(WorkerFactoryOptions.Builder options) {
        List<WorkerInterceptor> interceptors = new ArrayList<>();
        interceptors.add(this);
        interceptors.addAll(Arrays.asList(options.build().getWorkerInterceptors()));
        return options.setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new));
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
                return spans.call(spanName(activityType), order.orderId(), span -> {
                    simulation.beforeWork(activityType);
                    return super.execute(input);
                });
            }
        };
    }
}
