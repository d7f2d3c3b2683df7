package dev.orders.fulfillment.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One service's JVM: its output on the terminal and in its log file, its readiness, its exit. */
final class ServiceProcess {

    private static final int KEPT_LINES = 40;

    private final Service service;
    private final Process process;
    private final long launchedAt = System.nanoTime();
    private final HttpRequest readinessRequest;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Thread output;
    private final Path log;
    private final boolean echo;
    private volatile boolean killed;

    private ServiceProcess(Service service, Process process, int port, Path log, boolean restart, boolean echo) {
        this.service = service;
        this.process = process;
        this.readinessRequest = HttpRequest.newBuilder(URI.create(Service.readinessUrl(port)))
                .timeout(Duration.ofSeconds(2))
                .build();
        this.log = log;
        this.echo = echo;
        this.output = new Thread(() -> copyOutput(log, restart, echo), service.moduleName() + "-output");
        output.setDaemon(true);
        output.start();
    }

    static ServiceProcess launch(Service service, Path jar, Settings settings, Map<String, String> connections)
            throws IOException {
        return launch(
                service, jar, settings, connections, service.port(settings), service.moduleName() + ".log", false);
    }

    /** The service started again after it exited: its log goes on after what the last one wrote. */
    static ServiceProcess relaunch(Service service, Path jar, Settings settings, Map<String, String> connections)
            throws IOException {
        return launch(service, jar, settings, connections, service.port(settings), service.moduleName() + ".log", true);
    }

    /** The service on {@code port}, logging to {@code logName}: its own, or one more instance (the benchmark's). */
    static ServiceProcess launch(
            Service service,
            Path jar,
            Settings settings,
            Map<String, String> connections,
            int port,
            String logName,
            boolean restart)
            throws IOException {
        List<String> archive = ClassArchiveTraining.archivesApply(service, jar, settings)
                ? ClassArchive.beside(jar).jvmOptions()
                : List.of();
        ProcessBuilder builder = builder(service, jar, settings, archive);
        builder.environment().putAll(service.environment(settings, connections, port));
        Path log = settings.logDir().resolve(logName);
        Files.createDirectories(log.getParent());
        return new ServiceProcess(service, builder.start(), port, log, restart, settings.echoServices());
    }

    /**
     * The service's JVM with the launcher's {@code own} options, at its {@link CpuPriority}, in the repository, its
     * environment still empty.
     */
    static ProcessBuilder builder(Service service, Path jar, Settings settings, List<String> own) {
        List<String> command = new ArrayList<>(CpuPriority.prefix(service, settings));
        command.add(java());
        command.addAll(service.jvmOptions(settings, own));
        command.add(stackMarker(settings));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(settings.root().toFile()).redirectErrorStream(true);
        builder.environment().clear();
        return builder;
    }

    /**
     * On each service's command line, naming the data directory of the stack that launched it: what tells a service
     * an earlier launcher left running ({@link StaleProcesses}) from one of another stack.
     */
    static String stackMarker(Settings settings) {
        return "-Dlocal-stack.data=" + settings.dataDir().toAbsolutePath();
    }

    /** The launcher's own {@code java}: the services run on the JDK that runs {@code make run}. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void copyOutput(Path log, boolean restart, boolean echo) {
        String prefix = Terminal.prefix(service);
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer file = restart
                        ? Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                        : Files.newBufferedWriter(log)) {
            if (restart) {
                file.write("---- restarted by make run at " + Instant.now() + " ----" + System.lineSeparator());
            }
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (echo) {
                    Terminal.print(prefix, line);
                }
                file.write(line);
                file.write(System.lineSeparator());
                file.flush();
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
            }
        } catch (IOException e) {
            // destroyForcibly() closes the pipe under us; anything else is worth a word
            if (!killed) {
                Terminal.say("cannot copy the output of " + service.moduleName() + " to " + log + ": " + e);
            }
        }
    }

    Service service() {
        return service;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The readiness group (its own state, the database, Temporal) answers 200. */
    boolean isReady(HttpClient http) throws InterruptedException {
        try {
            return http.send(readinessRequest, HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    Duration sinceLaunch() {
        return Duration.ofNanos(System.nanoTime() - launchedAt);
    }

    /**
     * Its exit code and last lines of output, once it has exited; with the output only in its log (the drills), the
     * log's name instead of the lines.
     */
    String exitReport() throws InterruptedException {
        output.join(2000);
        if (!echo) {
            return service.moduleName() + " exited with code " + process.exitValue() + " (its log: " + log + ")";
        }
        List<String> lines;
        synchronized (lastLines) {
            lines = List.copyOf(lastLines);
        }
        return service.moduleName() + " exited with code " + process.exitValue() + "; its last lines:"
                + System.lineSeparator() + String.join(System.lineSeparator(), lines);
    }

    /**
     * Asks it to stop: SIGTERM, for Spring's graceful shutdown. Through its ProcessHandle, because
     * Process.destroy() also closes the pipe we read, and we want its shutdown lines too.
     */
    void requestStop() {
        process.toHandle().destroy();
    }

    /** SIGKILL, as a crash would end it: no shutdown hooks, nothing drained (the drills' fault). */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    /** Waits for it to exit until {@code deadline} ({@link System#nanoTime()}), then kills it: false if it had to. */
    boolean awaitExit(long deadline) throws InterruptedException {
        if (process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            return true;
        }
        killed = true;
        process.destroyForcibly();
        return false;
    }
}
