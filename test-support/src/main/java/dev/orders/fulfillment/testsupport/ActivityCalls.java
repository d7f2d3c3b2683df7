package dev.orders.fulfillment.testsupport;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Calls activity implementations the way a workflow does: through Temporal's activity environment, so each
 * call has a real activity context (heartbeats work) and its arguments and result go through the data
 * converter. One attempt per call, so a test sees exactly what one execution does. Use as
 * {@code @RegisterExtension final ActivityCalls calls = new ActivityCalls();}.
 */
public final class ActivityCalls implements AfterEachCallback {

    private static final ActivityOptions ONE_ATTEMPT = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();

    private final List<TestActivityEnvironment> environments = new ArrayList<>();

    /**
     * A stub of {@code activities} backed by {@code implementation}, behind {@code interceptors} as a worker has them
     * (the first is the innermost).
     */
    public <T> T stub(Class<T> activities, T implementation, WorkerInterceptor... interceptors) {
        TestActivityEnvironment environment = TestActivityEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(interceptors)
                        .build())
                .build());
        environments.add(environment);
        environment.registerActivitiesImplementations(implementation);
        return environment.newActivityStub(activities, ONE_ATTEMPT);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        environments.forEach(TestActivityEnvironment::close);
        environments.clear();
    }
}
