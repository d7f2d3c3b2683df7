package dev.orders.fulfillment.localstack;

import static dev.orders.fulfillment.localstack.PostgresTest.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestServerLockLogTest {

    private static final String QUEUE = "lock-log-test";
    private static final int WORKFLOWS = 20;

    @Test
    void theUnpatchedTestServerKeepsAnEventForEveryLockAndUnlock() throws Exception {
        int port = freePort();
        try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true)) {
            int before = TestServerLockLog.recorded(server);

            assertThat(runWorkflows(port)).isEqualTo(WORKFLOWS * 2);

            // what the patch is for: the log only grows (about ten events per two-activity workflow)
            assertThat(TestServerLockLog.recorded(server)).isGreaterThan(before + WORKFLOWS * 5);
        }
    }

    @Test
    void onceStoppedTheLogStaysEmptyAndWorkflowsStillComplete() throws Exception {
        int port = freePort();
        try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true)) {
            assertThat(TestServerLockLog.stopRecording(server)).isTrue();

            assertThat(runWorkflows(port)).isEqualTo(WORKFLOWS * 2);

            assertThat(TestServerLockLog.recorded(server)).isZero();
        }
    }

    /** Runs workflows that each call an activity twice (timers scheduled, fired and cancelled); sums their results. */
    private static int runWorkflows(int port) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("localhost:" + port)
                .build());
        WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
        try {
            factory.newWorker(QUEUE).registerWorkflowImplementationTypes(TwoSteps.Impl.class);
            factory.getWorker(QUEUE).registerActivitiesImplementations(new Step.One());
            factory.start();
            WorkflowClient client = factory.getWorkflowClient();
            int total = 0;
            for (int i = 0; i < WORKFLOWS; i++) {
                total += client.newWorkflowStub(
                                TwoSteps.class,
                                WorkflowOptions.newBuilder()
                                        .setTaskQueue(QUEUE)
                                        .setWorkflowId("lock-log-" + i)
                                        .build())
                        .run();
            }
            return total;
        } finally {
            factory.shutdownNow();
            stubs.shutdownNow();
        }
    }

    @WorkflowInterface
    public interface TwoSteps {
        @WorkflowMethod
        int run();

        class Impl implements TwoSteps {
            private final Step step = Workflow.newActivityStub(
                    Step.class,
                    ActivityOptions.newBuilder()
                            .setStartToCloseTimeout(Duration.ofSeconds(10))
                            .setHeartbeatTimeout(Duration.ofSeconds(5))
                            .build());

            @Override
            public int run() {
                return step.once() + step.once();
            }
        }
    }

    @ActivityInterface
    public interface Step {
        int once();

        class One implements Step {
            @Override
            public int once() {
                return 1;
            }
        }
    }
}
