package dev.orders.fulfillment.support;

import io.grpc.StatusRuntimeException;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Starts the service's Temporal workers, and drains them on shutdown; in place of the starter's own start
 * ({@code spring.temporal.start-workers: false}, service-defaults.yaml), which fails the whole application when the
 * frontend does not answer at that moment, and whose shutdown ({@link WorkerFactory#shutdown()} as the bean is
 * destroyed) returns at once, so an activity in flight dies with the JVM and is retried after its timeout.
 *
 * <p>Start: one attempt as the context starts; while the frontend is away, further attempts in the background, so
 * the service comes up, reports the outage in readiness, and its workers poll once Temporal answers. Stop (first
 * phase, before the web server, the pools and the client): the workers stop polling and the tasks they hold run to
 * completion, within Spring's shutdown window.
 */
class TemporalWorkers implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(TemporalWorkers.class);

    private final WorkerFactory factory;
    private final Duration drainTimeout;
    private final Duration retry;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean closing;
    private volatile boolean paused;

    TemporalWorkers(WorkerFactory factory, Duration drainTimeout, Duration retry) {
        this.factory = factory;
        this.drainTimeout = drainTimeout;
        this.retry = retry;
    }

    @Override
    public void start() {
        running = true;
        if (paused) {
            paused = false;
            factory.resumePolling();
            return;
        }
        if (!tryStart()) {
            log.warn("Temporal frontend not answering: the workers start once it does, retrying every {}", retry);
            Thread starter = new Thread(this::keepTrying, "temporal-worker-start");
            starter.setDaemon(true);
            starter.start();
        }
    }

    private boolean tryStart() {
        try {
            factory.start();
            return true;
        } catch (StatusRuntimeException e) {
            log.debug("Temporal frontend not answering: {}", e.getStatus().getCode());
            return false;
        }
    }

    /** Until the workers start or the context stops; under the lock drain takes, so never after it. */
    private void keepTrying() {
        try {
            while (!stopping.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
                synchronized (this) {
                    if (stopping.getCount() == 0) {
                        return;
                    }
                    if (tryStart()) {
                        log.info("Temporal frontend answers: workers started");
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Published before the lifecycle beans stop: this stop is for good, not a pause. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing = true;
    }

    @Override
    public void stop() {
        stopOrPause();
    }

    /**
     * A context stopped without closing (a test framework pausing a cached context) only pauses polling, for
     * {@link #start()} to resume: a factory once shut down cannot start again.
     */
    private void stopOrPause() {
        if (closing) {
            drain();
        } else {
            running = false;
            paused = true;
            factory.suspendPolling();
        }
    }

    @Override
    public void stop(Runnable callback) {
        Thread drain = new Thread(
                () -> {
                    try {
                        stopOrPause();
                    } finally {
                        callback.run();
                    }
                },
                "temporal-worker-drain");
        drain.start();
    }

    void drain() {
        running = false;
        synchronized (this) {
            stopping.countDown();
        }
        if (!factory.isStarted() || factory.isTerminated()) {
            return;
        }
        long started = System.nanoTime();
        log.info("Draining Temporal workers: no new tasks, up to {} for the ones in hand", drainTimeout);
        factory.shutdown();
        factory.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (factory.isTerminated()) {
            log.info("Temporal workers drained in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } else {
            log.warn("Temporal workers still busy after {}: their tasks will time out and be retried", drainTimeout);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE; // stopped before everything else
    }
}
