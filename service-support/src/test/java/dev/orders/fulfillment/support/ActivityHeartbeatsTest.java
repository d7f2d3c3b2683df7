package dev.orders.fulfillment.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An activity that waits three times its heartbeat timeout on a call that reports nothing (as a gateway call does),
 * on Temporal's test server in real time: with the interceptor it completes, without it Temporal times it out.
 */
class ActivityHeartbeatsTest {

    private static final String QUEUE = "heartbeat-test";

    @ActivityInterface
    public interface SlowCall {
        String call();
    }

    public static class SlowCallImpl implements SlowCall {
        @Override
        public String call() {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "answered";
        }
    }

    @WorkflowInterface
    public interface CallsOnce {
        @WorkflowMethod
        String run();
    }

    public static class CallsOnceImpl implements CallsOnce {
        private final SlowCall call = Workflow.newActivityStub(
                SlowCall.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(30))
                        .setHeartbeatTimeout(Duration.ofSeconds(1))
                        .setRetryOptions(
                                RetryOptions.newBuilder().setMaximumAttempts(1).build())
                        .build());

        @Override
        public String run() {
            return call.call();
        }
    }

    private TestWorkflowEnvironment env;
    private final ActivityHeartbeats heartbeats = new ActivityHeartbeats();

    @AfterEach
    void close() {
        env.close();
        heartbeats.close();
    }

    @Test
    void aLongCallIsKeptAliveByTheHeartbeats() {
        start(WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(heartbeats)
                .build());

        assertThat(workflow().run()).isEqualTo("answered");
    }

    @Test
    void withoutThemTemporalTimesTheCallOut() {
        start(WorkerFactoryOptions.getDefaultInstance());

        assertThatThrownBy(() -> workflow().run())
                .isInstanceOf(WorkflowFailedException.class)
                .cause()
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOfSatisfying(
                        TimeoutFailure.class,
                        timeout -> assertThat(timeout.getTimeoutType()).isEqualTo(TimeoutType.TIMEOUT_TYPE_HEARTBEAT));
    }

    private void start(WorkerFactoryOptions factoryOptions) {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkerFactoryOptions(factoryOptions)
                .build());
        var worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(CallsOnceImpl.class);
        worker.registerActivitiesImplementations(new SlowCallImpl());
        env.start();
    }

    private CallsOnce workflow() {
        return env.getWorkflowClient()
                .newWorkflowStub(
                        CallsOnce.class,
                        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build());
    }
}
