package dev.orders.fulfillment.localstack;

import dev.orders.fulfillment.localstack.Settings.TemporalChoice;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal frontend the services use, the first of: the one {@code TEMPORAL_ADDRESS} names; {@code temporal
 * server start-dev} from the Temporal CLI on the PATH or in {@code .tools/bin}, installed there first when Go is on
 * the PATH (a real server with its Web UI, history kept in {@code <data>/temporal.db} across restarts); else the
 * Temporal test server in this JVM (in memory: no UI, a restart forgets every workflow and api-service re-drives
 * the unfinished orders). {@code TEMPORAL_FRONTEND} picks one of the last two. Whichever it is gets the order
 * workflow's search attributes.
 */
final class TemporalFrontend implements AutoCloseable {

    static final String NAMESPACE = "default";

    /**
     * What holds the dev server back on a small machine, measured with bench's limit (bench/results/2026-12-01):
     * SQLite's default rollback journal syncs twice on every commit (10 workflows/s; WAL with synchronous=normal:
     * 15/s), and the server's default of four task-queue partitions splits its pollers four ways (in memory, one
     * partition took it from 20 to 30/s). WAL with synchronous=normal loses nothing when the server is killed, only
     * the last commits when the machine loses power.
     */
    static final List<String> DEV_SERVER_TUNING = List.of(
            "--sqlite-pragma", "journal_mode=wal",
            "--sqlite-pragma", "synchronous=normal",
            "--dynamic-config-value", "matching.numTaskqueueReadPartitions=1",
            "--dynamic-config-value", "matching.numTaskqueueWritePartitions=1");

    private final String address;
    private final String description;
    private final String uiUrl;
    private final Process devServer;
    private final TestServer.PortBoundTestServer testServer;
    private final Duration stopTimeout;
    private Duration startup = Duration.ZERO;

    private TemporalFrontend(
            String address,
            String description,
            String uiUrl,
            Process devServer,
            TestServer.PortBoundTestServer testServer,
            Duration stopTimeout) {
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
            TemporalFrontend frontend = new TemporalFrontend(
                    external,
                    "Temporal at " + external + " (TEMPORAL_ADDRESS)",
                    null,
                    null,
                    null,
                    settings.stopTimeout());
            OrderSearchAttributeRegistration.registerOrWarn(external, NAMESPACE);
            return frontend;
        }
        Ports.requireFree(settings.temporalPort(), "Temporal");
        if (settings.temporal() == TemporalChoice.TEST_SERVER) {
            return startTestServer(settings, "TEMPORAL_FRONTEND=test-server");
        }
        TemporalCli pinned = TemporalCli.pinned();
        Optional<Path> cli = pinned.find(settings);
        Optional<Path> go = GoTools.go(settings);
        if (cli.isEmpty() && go.isPresent()) {
            try {
                cli = Optional.of(pinned.install(go.get(), settings));
            } catch (IOException e) {
                if (settings.temporal() == TemporalChoice.DEV_SERVER) {
                    throw e;
                }
                Terminal.say(e.getMessage());
                return startTestServer(settings, "the Temporal CLI could not be installed (above)");
            }
        }
        if (cli.isPresent()) {
            return startDevServer(cli.get(), settings);
        }
        String missing = "no Temporal CLI on the PATH or in " + shown(settings, TemporalCli.projectBinary(settings))
                + ", and no Go to install it";
        if (settings.temporal() == TemporalChoice.DEV_SERVER) {
            throw new IllegalStateException("TEMPORAL_FRONTEND=dev-server, but " + missing + ": " + pinned.howToGet());
        }
        return startTestServer(
                settings, missing + "; for the real dev server with its UI and persistence: " + pinned.howToGet());
    }

    private static TemporalFrontend startDevServer(Path cli, Settings settings)
            throws IOException, InterruptedException {
        int port = settings.temporalPort();
        int uiPort = port + 1000;
        Ports.requireFree(uiPort, "the Temporal UI");
        Path database = settings.dataDir().resolve("temporal.db");
        Path log = settings.logDir().resolve("temporal.log");
        Files.createDirectories(log.getParent());
        String version = versionOf(cli);
        long launched = System.nanoTime();
        // fulfilment's, as the workers are: api-service's POSTs never wait on it (CpuPriority)
        List<String> command = new ArrayList<>(CpuPriority.prefix(settings.fulfillmentNice()));
        command.addAll(List.of(
                cli.toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--ui-port",
                Integer.toString(uiPort),
                "--namespace",
                NAMESPACE,
                "--db-filename",
                database.toString(),
                "--log-level",
                "warn"));
        command.addAll(DEV_SERVER_TUNING);
        Process server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        String address = "127.0.0.1:" + port;
        String ui = "http://localhost:" + uiPort;
        TemporalFrontend frontend = new TemporalFrontend(
                address,
                "temporal server start-dev (" + version + ", "
                        + shown(settings, cli) + "; history in " + shown(settings, database)
                        + ", SQLite WAL, one task-queue"
                        + " partition)",
                ui,
                server,
                null,
                settings.stopTimeout());
        try {
            long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
            // the namespace is created as the server starts: registering in it is the readiness check
            OrderSearchAttributeRegistration.register(address, NAMESPACE, () -> {
                if (!server.isAlive()) {
                    throw new IOException("temporal server start-dev exited (" + server.exitValue() + "); see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("temporal server start-dev was not ready in "
                            + settings.readyTimeout().toSeconds() + " s; see " + log);
                }
            });
            Processes.awaitHttpOk(ui, server, deadline, "the Temporal UI did not answer on " + ui + "; see " + log);
            frontend.startup = Duration.ofNanos(System.nanoTime() - launched);
            return frontend;
        } catch (IOException | RuntimeException | InterruptedException e) {
            frontend.close();
            throw e;
        }
    }

    /** Relative to the repository when inside it (.tools/bin/temporal, .data/temporal.db), else absolute. */
    private static String shown(Settings settings, Path path) {
        Path absolute = path.toAbsolutePath();
        return absolute.startsWith(settings.root())
                ? settings.root().relativize(absolute).toString()
                : absolute.toString();
    }

    /** {@code temporal --version}: the CLI's own version and the server and UI it embeds. */
    private static String versionOf(Path cli) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(cli.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor(10, TimeUnit.SECONDS);
        return output.replaceFirst("^temporal version ", "CLI ");
    }

    private static TemporalFrontend startTestServer(Settings settings, String why) {
        int port = settings.temporalPort();
        // `true` locks time skipping: timers (the review and backorder windows) take the real time they say
        TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
        if (!TestServerLockLog.stopRecording(server)) {
            Terminal.say("Note: this Temporal test server keeps its lock log; it slows down as it runs");
        }
        TemporalFrontend frontend = new TemporalFrontend(
                "localhost:" + port,
                "Temporal test server in the launcher (in memory, no Web UI: " + why + ")",
                null,
                null,
                server,
                settings.stopTimeout());
        OrderSearchAttributeRegistration.registerOrWarn(frontend.address(), NAMESPACE);
        return frontend;
    }

    String address() {
        return address;
    }

    String description() {
        return description;
    }

    /** Whether this is a real Temporal server (the CLI's dev server, or one {@code TEMPORAL_ADDRESS} names). */
    boolean isRealServer() {
        return testServer == null;
    }

    /** The dev server's process (the test server runs in this JVM, an external one elsewhere). */
    Optional<Long> pid() {
        return Optional.ofNullable(devServer).map(Process::pid);
    }

    /** From launching the dev server to its frontend, namespace and UI answering; zero for the others. */
    Duration startup() {
        return startup;
    }

    Optional<String> uiUrl() {
        return Optional.ofNullable(uiUrl);
    }

    /** The address, for the services; nothing when it came from their environment anyway. */
    Map<String, String> serviceEnvironment() {
        return devServer != null || testServer != null ? Map.of("TEMPORAL_ADDRESS", address) : Map.of();
    }

    /** SIGKILL to the dev server, as a crash would end it (the drills'); its history stays in its database file. */
    void kill() throws InterruptedException {
        requireDevServer().destroyForcibly().waitFor();
    }

    /**
     * Freezes (SIGSTOP) or thaws (SIGCONT) the dev server: its connections stay open and nothing answers, as when
     * the network to it is down, the harder case for its clients than a refused connection.
     */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder(
                        "kill", "-" + signal, Long.toString(requireDevServer().pid()))
                .redirectErrorStream(true)
                .start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + devServer.pid() + ": "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }

    private Process requireDevServer() {
        if (devServer == null) {
            throw new IllegalStateException("only the launcher's own temporal server start-dev can be stopped and"
                    + " started again with its history; this is " + description);
        }
        return devServer;
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
            Processes.stop(devServer, stopTimeout);
        }
    }
}
