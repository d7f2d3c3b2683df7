package dev.orders.fulfillment.localstack;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * PostgreSQL, Temporal and the seven services (and the collector, with {@code OTEL=collector}), started by
 * {@link LocalStack#start}. {@link #close()} stops what was started, the services first (gracefully), then the
 * collector, Temporal and PostgreSQL.
 */
public final class RunningStack implements AutoCloseable {

    private final Settings settings;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<Service, Duration> readyTimes = new ConcurrentHashMap<>();
    /** In {@link Service} order; a restarted service's new process takes its place. */
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();

    private final Map<String, String> connections = new HashMap<>();
    private final Map<Service, Path> runnableJars = new EnumMap<>(Service.class);
    private Collector collector;
    /** Replaced when a drill starts them again. */
    private volatile Postgres postgres;

    private boolean postgresStopped;
    private volatile TemporalFrontend temporal;
    private volatile boolean closed;
    private volatile ClassArchiveTraining training;

    RunningStack(Settings settings) {
        this.settings = settings;
    }

    void start() throws IOException, InterruptedException {
        launch();
        awaitReady();
        training = ClassArchiveTraining.start(settings, runnableJars, this::connectionsOf);
    }

    /** Synchronized with {@link #close()}: a Ctrl-C during startup waits for this, so nothing starts after it. */
    private synchronized void launch() throws IOException, InterruptedException {
        StaleProcesses.stopAll(settings);
        for (Service service : Service.values()) {
            if (!Files.isRegularFile(service.jar(settings))) {
                throw new IllegalStateException(settings.root().relativize(service.jar(settings))
                        + " is missing: build it first (make run does)");
            }
            Ports.requireFree(service.port(settings), service.moduleName());
        }
        ServiceJars jars = ServiceJars.extract(settings);
        if (settings.collector()) {
            collector = Collector.start(settings);
            Terminal.say(Collector.describe(settings));
            connections.putAll(Collector.serviceEnvironment(settings));
        }
        postgres = Postgres.start(settings);
        Terminal.say(postgres.description());
        temporal = TemporalFrontend.start(settings);
        Terminal.say(temporal.description() + " on " + temporal.address());

        Terminal.say(Telemetry.describe(settings, connections));
        connections.putAll(temporal.serviceEnvironment());
        connections.putAll(Service.credentials(settings));
        for (Service service : Service.values()) {
            Path jar = jars.runnable(service);
            runnableJars.put(service, jar);
            services.add(ServiceProcess.launch(service, jar, settings, connectionsOf(service)));
        }
        Terminal.say("Started " + services.size() + " services; waiting for their readiness"
                + (settings.demoSimulation() ? " (SIM=demo: simulated failures and latency)" : ""));
    }

    private void awaitReady() throws InterruptedException {
        Set<ServiceProcess> waiting = new LinkedHashSet<>(services);
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        while (!waiting.isEmpty()) {
            if (closed) {
                throw new IllegalStateException("stopped while starting");
            }
            for (var iterator = waiting.iterator(); iterator.hasNext(); ) {
                ServiceProcess service = iterator.next();
                if (!service.isAlive()) {
                    throw new IllegalStateException(service.exitReport());
                }
                if (service.isReady(http)) {
                    readyTimes.put(service.service(), service.sinceLaunch());
                    Terminal.say(String.format(
                            Locale.ROOT,
                            "%s ready in %.1f s",
                            service.service().moduleName(),
                            service.sinceLaunch().toMillis() / 1000.0));
                    iterator.remove();
                }
            }
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "not ready after " + settings.readyTimeout().toSeconds() + " s: "
                                + waiting.stream()
                                        .map(service -> service.service().moduleName())
                                        .collect(joining(", "))
                                + " (see " + settings.logDir() + ")");
            }
            Thread.sleep(250);
        }
    }

    /** Waits for the class archives the first start after a build writes in the background ({@link ClassArchive}). */
    public void awaitClassArchives() throws InterruptedException {
        ClassArchiveTraining running = training;
        if (running != null) {
            running.await();
        }
    }

    /**
     * Keeps every service running until {@link #close()}: one that exits, for whatever reason, is reported (its exit
     * code and last lines) and started again after its {@link RestartBackoff}, and the others go on. Blocks until
     * the stack is closed.
     */
    public void supervise() throws InterruptedException {
        List<Thread> watchers = new ArrayList<>();
        for (Service service : Service.values()) {
            Thread watcher = new Thread(() -> watch(service), service.moduleName() + "-supervisor");
            watcher.setDaemon(true);
            watcher.start();
            watchers.add(watcher);
        }
        for (Thread watcher : watchers) {
            watcher.join();
        }
    }

    /** {@link #supervise} on a daemon thread of its own: for a program that goes on (the tests, the drills). */
    public void superviseInBackground() {
        Thread supervisor = new Thread(
                () -> {
                    try {
                        supervise();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "stack-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    private void watch(Service service) {
        RestartBackoff backoff = new RestartBackoff();
        try {
            for (ServiceProcess current = services.get(service.ordinal()); current != null; ) {
                current.onExit().join();
                if (closed) {
                    return;
                }
                Duration wait = backoff.after(current.sinceLaunch());
                Terminal.say(current.exitReport());
                Terminal.say(String.format(
                        Locale.ROOT,
                        "Restarting %s in %d s (restart %d; RESTART=no stops" + " everything instead)",
                        service.moduleName(),
                        wait.toSeconds(),
                        backoff.restarts()));
                Thread.sleep(wait.toMillis());
                current = relaunch(service);
                if (current != null) {
                    awaitReadyAgain(current);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            Terminal.say("Could not restart " + service.moduleName() + ": " + e.getMessage());
        }
    }

    /** Synchronized with {@link #close()}: nothing starts once the stack is stopping. Null then. */
    private synchronized ServiceProcess relaunch(Service service) throws IOException {
        if (closed) {
            return null;
        }
        ServiceProcess next =
                ServiceProcess.relaunch(service, runnableJars.get(service), settings, connectionsOf(service));
        services.set(service.ordinal(), next);
        return next;
    }

    private void awaitReadyAgain(ServiceProcess service) throws InterruptedException {
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        while (service.isAlive() && !closed && System.nanoTime() < deadline) {
            if (service.isReady(http)) {
                Terminal.say(String.format(
                        Locale.ROOT,
                        "%s ready again in %.1f s",
                        service.service().moduleName(),
                        service.sinceLaunch().toMillis() / 1000.0));
                return;
            }
            Thread.sleep(250);
        }
    }

    /** Blocks until a service exits; empty when that was {@link #close()} stopping it (fail fast: RESTART=no). */
    Optional<ServiceProcess> awaitServiceExit() {
        CompletableFuture.anyOf(services.stream().map(ServiceProcess::onExit).toArray(CompletableFuture[]::new))
                .join();
        return closed
                ? Optional.empty()
                : services.stream().filter(service -> !service.isAlive()).findFirst();
    }

    // The faults of the drills (drill/), each what a crash or an operator would do to the running stack.

    /** SIGKILLs the service's running process, as a crash would; {@link #supervise} starts it again. Its pid. */
    public long kill(Service service) {
        ServiceProcess current = services.get(service.ordinal());
        current.kill();
        return current.pid();
    }

    /** Waits for a process of {@code service} other than {@code pid} to be ready: its time from launch, or empty. */
    public Optional<Duration> awaitReplaced(Service service, long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !closed) {
            ServiceProcess current = services.get(service.ordinal());
            if (current.pid() != pid && current.isAlive() && current.isReady(http)) {
                return Optional.of(current.sinceLaunch());
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /** Waits until every service answers ready (after a fault: the database or Temporal back); false at timeout. */
    public boolean awaitAllReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !closed) {
            boolean all = true;
            for (ServiceProcess service : services) {
                all &= service.isAlive() && service.isReady(http);
            }
            if (all) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** SIGKILLs the Temporal dev server; {@link #startTemporal} starts it again on the same history. */
    public synchronized void killTemporal() throws InterruptedException {
        temporal.kill();
    }

    /** Freezes the Temporal dev server (SIGSTOP: unreachable, its connections open) or thaws it (SIGCONT). */
    public void freezeTemporal(boolean frozen) throws IOException, InterruptedException {
        temporal.signal(frozen ? "STOP" : "CONT");
    }

    /** The Temporal dev server started again, on the same port and database file, after {@link #killTemporal}. */
    public synchronized void startTemporal() throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        temporal = TemporalFrontend.start(settings);
        Terminal.say("Started again: " + temporal.description());
    }

    /** Stops the embedded PostgreSQL (a fast shutdown: sessions cut); {@link #startPostgres} brings it back. */
    public synchronized void stopPostgres() {
        if (!postgresStopped) {
            postgres.close();
            postgresStopped = true;
        }
    }

    /** The embedded PostgreSQL again, on its data directory, with the roles the running services sign in as. */
    public synchronized void startPostgres() throws IOException {
        if (closed || !postgresStopped) {
            return;
        }
        postgres = postgres.restart();
        postgresStopped = false;
    }

    boolean isClosed() {
        return closed;
    }

    /** What every service connects to, and the service's own database login. */
    private Map<String, String> connectionsOf(Service service) {
        Map<String, String> own = new HashMap<>(connections);
        own.putAll(postgres.serviceEnvironment(service));
        return own;
    }

    /**
     * Starts one more instance of {@code service} on {@code port}, against this stack's database and Temporal, waits
     * for it to be ready and stops it: how long the service takes to start when it is the only one starting (the
     * benchmark's figure beside {@link #readyTimes()}, where seven start at once). Null if it was not ready in time.
     */
    public Duration timeToReadyAlone(Service service, int port) throws IOException, InterruptedException {
        ServiceProcess alone = ServiceProcess.launch(
                service,
                runnableJars.get(service),
                settings,
                connectionsOf(service),
                port,
                service.moduleName() + "-alone.log",
                false);
        try {
            long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
            while (alone.isAlive() && System.nanoTime() < deadline) {
                if (alone.isReady(http)) {
                    return alone.sinceLaunch();
                }
                Thread.sleep(50);
            }
            return null;
        } finally {
            alone.requestStop();
            alone.awaitExit(System.nanoTime() + settings.stopTimeout().toNanos());
        }
    }

    /** How long each service took from launch to ready (for the benchmark's report). */
    public Map<Service, Duration> readyTimes() {
        return Map.copyOf(readyTimes);
    }

    /** Each running service's process id (for the benchmark's memory readings). */
    public Map<Service, Long> pids() {
        Map<Service, Long> pids = new EnumMap<>(Service.class);
        services.forEach(service -> pids.put(service.service(), service.pid()));
        return pids;
    }

    public Settings settings() {
        return settings;
    }

    /** api-service, e.g. {@code http://localhost:8080} (its API is under {@code /api}). */
    public String baseUrl() {
        return url(Service.API_SERVICE);
    }

    public String url(Service service) {
        return service.url(settings);
    }

    /** The database the services use; empty when DATABASE_URL or SPRING_DATASOURCE_URL named one. */
    public Optional<String> jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String temporalAddress() {
        return temporal.address();
    }

    /** Which Temporal frontend this is (the test server in this JVM, {@code temporal server start-dev}, ...). */
    public String temporalDescription() {
        return temporal.description();
    }

    /** False for the Temporal test server in the launcher: in memory, no visibility, signal headers dropped. */
    public boolean temporalIsRealServer() {
        return temporal.isRealServer();
    }

    /** {@code temporal server start-dev}'s process, when the launcher runs it (for the benchmark's readings). */
    public Optional<Long> temporalPid() {
        return temporal.pid();
    }

    /** How long {@code temporal server start-dev} took to be ready (zero for the other frontends). */
    public Duration temporalStartup() {
        return temporal.startup();
    }

    /** Whether the stack runs its own collector ({@code OTEL=collector}). */
    public boolean runsCollector() {
        return collector != null;
    }

    /** The Temporal UI, when {@code temporal server start-dev} runs. */
    public Optional<String> temporalUiUrl() {
        return temporal.uiUrl();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (collector == null && postgres == null) {
            return; // it failed before starting anything
        }
        try {
            if (training != null) {
                training.close();
            }
            stopServices();
            // after the services, so that their last exports arrive
            if (collector != null) {
                collector.close();
            }
            if (temporal != null) {
                temporal.close();
            }
            if (postgres != null && !postgresStopped) {
                postgres.close();
            }
            Terminal.say("Stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopServices() throws InterruptedException {
        List<ServiceProcess> running =
                services.stream().filter(ServiceProcess::isAlive).toList();
        if (running.isEmpty()) {
            return;
        }
        Terminal.say("Stopping "
                + running.stream()
                        .map(service -> service.service().moduleName())
                        .collect(joining(", ")));
        running.forEach(ServiceProcess::requestStop);
        long deadline = System.nanoTime() + settings.stopTimeout().toNanos();
        for (ServiceProcess service : running) {
            if (!service.awaitExit(deadline)) {
                Terminal.say("Killed " + service.service().moduleName() + ": still running after "
                        + settings.stopTimeout().toSeconds() + " s");
            }
        }
    }
}
