package dev.orders.fulfillment.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The workers' lifecycle against real Temporal test servers: started once the frontend answers, however late, and
 * a worker stopped mid-activity lets the activity finish and report, once, before the drain returns.
 */
class TemporalWorkersTest {

    private static final String QUEUE = "drain-test";
    static final CountDownLatch entered = new CountDownLatch(1);
    static final CountDownLatch release = new CountDownLatch(1);

    @ActivityInterface
    public interface SlowActivities {
        String work();
    }

    public static class SlowActivitiesImpl implements SlowActivities {
        @Override
        public String work() {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: the drain must let the activity finish", e);
            }
            return "done";
        }
    }

    @WorkflowInterface
    public interface OneStep {
        @WorkflowMethod
        String run();
    }

    public static class OneStepImpl implements OneStep {
        private final SlowActivities activities = Workflow.newActivityStub(
                SlowActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(1))
                        .setRetryOptions(
                                RetryOptions.newBuilder().setMaximumAttempts(3).build())
                        .build());

        @Override
        public String run() {
            return activities.work();
        }
    }

    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void workersStartOnceTheFrontendAnswersThoughItWasAwayAtFirst() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + port)
                .build());
        WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
        Worker worker = factory.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(OneStepImpl.class);
        worker.registerActivitiesImplementations(new FastActivities());
        TemporalWorkers workers = new TemporalWorkers(factory, Duration.ofSeconds(5), Duration.ofMillis(200));
        try {
            // nothing listens yet: the context would start anyway, its workers not yet
            workers.start();
            assertThat(factory.isStarted()).isFalse();

            try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (!factory.isStarted() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(factory.isStarted()).isTrue();
                OneStep workflow = WorkflowClient.newInstance(stubs)
                        .newWorkflowStub(
                                OneStep.class,
                                WorkflowOptions.newBuilder()
                                        .setTaskQueue(QUEUE)
                                        .setWorkflowId("late-" + System.nanoTime())
                                        .build());
                assertThat(workflow.run()).isEqualTo("fast");
                workers.drain();
            }
        } finally {
            factory.shutdownNow();
            stubs.shutdownNow();
        }
    }

    public static class FastActivities implements SlowActivities {
        @Override
        public String work() {
            return "fast";
        }
    }

    @Test
    void theActivityInHandCompletesBeforeTheDrainReturns() throws Exception {
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(OneStepImpl.class);
        worker.registerActivitiesImplementations(new SlowActivitiesImpl());
        env.start();
        OneStep workflow = env.getWorkflowClient()
                .newWorkflowStub(
                        OneStep.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue(QUEUE)
                                .setWorkflowId("drain-" + System.nanoTime())
                                .build());
        String workflowId = WorkflowClient.start(workflow::run).getWorkflowId();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        TemporalWorkers drain =
                new TemporalWorkers(env.getWorkerFactory(), Duration.ofSeconds(20), Duration.ofSeconds(1));
        drain.start();
        // the context closes (SIGTERM): for good, not a pause
        drain.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
        CountDownLatch stopped = new CountDownLatch(1);
        drain.stop(stopped::countDown);
        // the drain waits for the activity in hand ...
        assertThat(stopped.await(500, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(drain.isRunning()).isFalse();
        release.countDown();
        // ... which completes, and then the drain returns with the workers terminated
        assertThat(stopped.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(env.getWorkerFactory().isTerminated()).isTrue();

        List<HistoryEvent> events =
                env.getWorkflowClient().fetchHistory(workflowId).getEvents();
        assertThat(events)
                .filteredOn(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
                .hasSize(1);
        assertThat(events)
                .filteredOn(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
                .singleElement()
                .satisfies(started -> assertThat(
                                started.getActivityTaskStartedEventAttributes().getAttempt())
                        .isEqualTo(1));
        assertThat(events)
                .noneMatch(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT
                        || event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED);
    }
}
