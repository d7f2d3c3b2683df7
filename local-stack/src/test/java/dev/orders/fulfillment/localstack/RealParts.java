package dev.orders.fulfillment.localstack;

import dev.orders.fulfillment.testsupport.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The real pieces some tests need beyond a JDK: the Temporal CLI (its dev server and Web UI) and Debian's Chromium
 * with its driver. Where one is missing the test is reported skipped with what to install; on CI ({@code CI} set, as
 * {@code .ci/run} does after installing them) a missing piece fails the test instead, so nothing is skipped there.
 */
final class RealParts {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private RealParts() {}

    /** The CLI make run would use: on the PATH, else the project's in .tools/bin. */
    static Optional<Path> temporalCli() {
        return GoTools.findOnPath("temporal", System.getenv().getOrDefault("PATH", ""))
                .or(() -> Optional.of(Settings.findRoot().resolve(".tools/bin/temporal"))
                        .filter(Files::isExecutable));
    }

    static Path requireTemporalCli() {
        Optional<Path> cli = temporalCli();
        require(
                cli.isPresent(),
                "needs the Temporal CLI, and there is none on the PATH or in .tools/bin (`make temporal`)");
        return cli.orElseThrow();
    }

    /**
     * This process's environment without what would make an end-to-end stack depend on the developer's shell: the
     * simulation, an external database or Temporal, the collector switch and the services' exporters.
     */
    static Map<String, String> stackEnvironment() {
        return Settings.isolated(System.getenv());
    }

    /** The services' OpenTelemetry SDKs and Micrometer export to {@code endpoint} within a fraction of a second, not in their batches. */
    static void exportPromptlyTo(Map<String, String> environment, String endpoint) {
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
        environment.put("OTEL_BSP_SCHEDULE_DELAY", "200");
        environment.put("OTEL_BLRP_SCHEDULE_DELAY", "200");
        environment.put("MANAGEMENT_OTLP_METRICS_EXPORT_STEP", "1s");
    }

    /** The collector of collector/manifest.yaml, as make collector builds it. */
    static Path requireCollector() {
        Path binary;
        try {
            binary = Collector.binary(Settings.fromEnvironment(Settings.findRoot(), System.getenv()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        require(Files.isExecutable(binary), "needs the collector, and " + binary + " is not built (`make collector`)");
        return binary;
    }

    static void requireBrowser() {
        require(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (`apt-get install chromium chromium-driver`)");
    }

    /** A real Temporal server under the stack: the browser and persistence tests need its UI and its database. */
    static void requireRealTemporal(RunningStack stack) {
        require(
                stack.temporalIsRealServer(),
                "needs a real Temporal server, and the stack runs on the " + stack.temporalDescription());
    }

    static void require(boolean present, String missing) {
        Prerequisites.require(present, missing);
    }

    static boolean onCi() {
        return Prerequisites.onCi();
    }
}
