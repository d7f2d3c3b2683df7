package dev.orders.fulfillment.support;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Heartbeats every activity that has a heartbeat timeout while it runs, from a timer beside it, at a third of that
 * timeout. What activities here wait on (a payment gateway, a carrier, a mail server, a database lock) is a call
 * that gives no progress to report, but the process being alive is worth telling: Temporal notices a worker that
 * died mid-call within the heartbeat timeout instead of the start-to-close one, and a slow call is never taken for a
 * dead one. A cancellation the heartbeat brings back is left to the activity's own outcome: the workflow waits for
 * the steps whose undoing must come after them ({@code WAIT_CANCELLATION_COMPLETED}).
 */
public final class ActivityHeartbeats extends WorkerInterceptorBase implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(timerThread());

    private static CustomizableThreadFactory timerThread() {
        CustomizableThreadFactory thread = new CustomizableThreadFactory("activity-heartbeats-");
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private ActivityExecutionContext context;

            @Override
            public void init(ActivityExecutionContext context) {
                this.context = context;
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                Duration timeout = context.getInfo().getHeartbeatTimeout();
                if (timeout.isZero()) {
                    return super.execute(input);
                }
                long every = Math.max(1, timeout.toMillis() / 3);
                ScheduledFuture<?> beating =
                        timer.scheduleAtFixedRate(() -> beat(context), every, every, TimeUnit.MILLISECONDS);
                try {
                    return super.execute(input);
                } finally {
                    beating.cancel(false);
                }
            }
        };
    }

    private static void beat(ActivityExecutionContext context) {
        try {
            context.heartbeat(null);
        } catch (ActivityCompletionException e) {
            // cancelled, timed out or already finished: the activity's own result decides what happens
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
