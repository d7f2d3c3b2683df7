package dev.orders.fulfillment.localstack;

import io.temporal.testserver.TestServer;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Temporal frontend the services use: the one {@code TEMPORAL_ADDRESS} names; else {@code temporal server
 * start-dev} when the Temporal CLI is on the PATH (with its UI, history kept in the data directory); else the Temporal
 * test server in this JVM (in memory: a restart forgets every workflow, and api-service re-drives unfinished orders).
 */
final class TemporalFrontend implements AutoCloseable {

    private final String address;
    private final String description;
    private final String uiUrl;
    private final Process devServer;
    private final TestServer.PortBoundTestServer testServer;
    private final Duration stopTimeout;

    private TemporalFrontend(String address, String description, String uiUrl, Process devServer,
            TestServer.PortBoundTestServer testServer, Duration stopTimeout) {
        this.address = address;
        this.description = description;
        this.uiUrl = uiUrl;
        this.devServer = devServer;
        this.testServer = testServer;
        this.stopTimeout = stopTimeout;
    }

    static TemporalFrontend start(Settings settings) throws IOException, InterruptedException {
        String external = settings.environment().get("TEMPORAL_ADDRESS");
        if (external != null && !external.isBlank()) {
            return new TemporalFrontend(external, "Temporal at " + external + " (TEMPORAL_ADDRESS)", null, null, null,
                    settings.stopTimeout());
        }
        int port = settings.temporalPort();
        Ports.requireFree(port, "Temporal");
        Optional<Path> cli = findOnPath("temporal", settings.environment().getOrDefault("PATH", ""));
        return cli.isPresent() ? startDevServer(cli.get(), settings) : startTestServer(settings);
    }

    private static TemporalFrontend startDevServer(Path cli, Settings settings)
            throws IOException, InterruptedException {
        int port = settings.temporalPort();
        int uiPort = port + 1000;
        Path log = settings.logDir().resolve("temporal.log");
        Files.createDirectories(log.getParent());
        Process server = new ProcessBuilder(cli.toString(), "server", "start-dev",
                "--port", Integer.toString(port),
                "--ui-port", Integer.toString(uiPort),
                "--db-filename", settings.dataDir().resolve("temporal.db").toString())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.to(log.toFile()))
                .start();
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        while (!Ports.acceptsConnections(port)) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                stop(server, settings.stopTimeout());
                throw new IOException("temporal server start-dev did not open port " + port + "; see " + log);
            }
            Thread.sleep(200);
        }
        return new TemporalFrontend("localhost:" + port, "temporal server start-dev (" + cli + ")",
                "http://localhost:" + uiPort, server, null, settings.stopTimeout());
    }

    private static TemporalFrontend startTestServer(Settings settings) {
        int port = settings.temporalPort();
        // `true` locks time skipping: timers (the review and backorder windows) take the real time they say
        TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
        if (!TestServerLockLog.stopRecording(server)) {
            Terminal.say("Note: this Temporal test server keeps its lock log; it slows down as it runs");
        }
        return new TemporalFrontend("localhost:" + port, "Temporal test server in the launcher (in memory)", null,
                null, server, settings.stopTimeout());
    }

    private static Optional<Path> findOnPath(String command, String path) {
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static void stop(Process process, Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }

    String address() {
        return address;
    }

    String description() {
        return description;
    }

    Optional<String> uiUrl() {
        return Optional.ofNullable(uiUrl);
    }

    /** The address, for the services; nothing when it came from their environment anyway. */
    Map<String, String> serviceEnvironment() {
        return devServer != null || testServer != null ? Map.of("TEMPORAL_ADDRESS", address) : Map.of();
    }

    @Override
    public void close() throws InterruptedException {
        if (testServer != null || devServer != null) {
            Terminal.say("Stopping " + description);
        }
        if (testServer != null) {
            testServer.close();
        }
        if (devServer != null) {
            stop(devServer, stopTimeout);
        }
    }
}
