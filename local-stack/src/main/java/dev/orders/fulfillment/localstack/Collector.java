package dev.orders.fulfillment.localstack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenTelemetry Collector on the repository's {@code otel-collector.yaml}, built from
 * {@code collector/manifest.yaml} by the OpenTelemetry Collector Builder into {@code .tools/bin} ({@code make
 * collector}), and run first by {@code make run OTEL=collector}: the services' OpenTelemetry SDKs and Micrometer export to it,
 * it forwards to Scout when {@code SCOUT_*} is set, and its {@code debug} exporter shows what it receives.
 */
final class Collector implements AutoCloseable {

    static final String MANIFEST = "collector/manifest.yaml";
    static final String CONFIGURATION = "otel-collector.yaml";
    /** Where otel-collector.yaml has the OTLP/HTTP receiver and the health check listen. */
    static final String OTLP_HTTP = "http://localhost:4318";

    static final String HEALTH = "http://localhost:13133/";
    private static final String BUILDER = "go.opentelemetry.io/collector/cmd/builder";
    private static final Pattern GOMOD = Pattern.compile("^\\s*-\\s*gomod:\\s*(\\S+)\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern DIST = Pattern.compile("^dist:\\s*$((?:\\n[ \\t]+.*)*)", Pattern.MULTILINE);

    /** What the manifest pins: the binary's name, the release (the builder's version too) and every component. */
    record Manifest(String name, String release, String outputPath, Map<String, String> components) {

        static Manifest read(Path file) throws IOException {
            String text = Files.readString(file);
            Matcher dist = DIST.matcher(text);
            if (!dist.find()) {
                throw new IllegalStateException(file + " has no dist section");
            }
            Map<String, String> components = new LinkedHashMap<>();
            for (Matcher gomod = GOMOD.matcher(text); gomod.find(); ) {
                components.put(gomod.group(1), gomod.group(2));
            }
            return new Manifest(
                    field(dist.group(1), "name", file),
                    field(dist.group(1), "version", file),
                    field(dist.group(1), "output_path", file),
                    components);
        }

        private static String field(String dist, String key, Path file) {
            Matcher value = Pattern.compile("^\\s+" + key + ":\\s*(\\S+)", Pattern.MULTILINE)
                    .matcher(dist);
            if (!value.find()) {
                throw new IllegalStateException(file + ": dist." + key + " is missing");
            }
            return value.group(1);
        }

        /** Whether Go built the binary from exactly these components (each at its version). */
        boolean builtInto(Map<String, String> modules) {
            return components.entrySet().stream()
                    .allMatch(component -> component.getValue().equals(modules.get(component.getKey())));
        }
    }

    private final Process process;
    private final Duration stopTimeout;

    private Collector(Process process, Duration stopTimeout) {
        this.process = process;
        this.stopTimeout = stopTimeout;
    }

    static Manifest manifest(Settings settings) throws IOException {
        return Manifest.read(settings.root().resolve(MANIFEST));
    }

    static Path binary(Settings settings) throws IOException {
        return GoTools.binDir(settings).resolve(manifest(settings).name());
    }

    /** The collector at the manifest's components, building it first when it is missing or built from others. */
    static Path ensureBuilt(Settings settings) throws IOException, InterruptedException {
        Path binary = binary(settings);
        Path go = GoTools.go(settings).orElse(null);
        if (go == null) {
            if (Files.isExecutable(binary)) {
                return binary; // nothing to check it with, nor to rebuild it with
            }
            throw new IllegalStateException("no collector in " + settings.root().relativize(binary)
                    + " and no Go on the PATH to build it from " + MANIFEST);
        }
        Manifest manifest = manifest(settings);
        if (Files.isExecutable(binary) && manifest.builtInto(GoTools.modules(go, binary))) {
            return binary;
        }
        return build(go, manifest, settings);
    }

    private static Path build(Path go, Manifest manifest, Settings settings) throws IOException, InterruptedException {
        Path bin = GoTools.binDir(settings);
        Path builder = bin.resolve("builder");
        long started = System.nanoTime();
        Terminal.say("Building the collector " + manifest.release() + " from " + MANIFEST + " into "
                + settings.root().relativize(bin) + " (" + manifest.components().size()
                + " components; a few minutes the first time)");
        String builderVersion = "v" + manifest.release();
        if (!Files.isExecutable(builder)
                || !builderVersion.equals(GoTools.modules(go, builder).get(BUILDER))) {
            GoTools.build(
                    "collector builder",
                    List.of(go.toString(), "install", BUILDER + "@" + builderVersion),
                    settings.root(),
                    Map.of("GOBIN", bin.toString()),
                    settings,
                    settings.logDir().resolve("collector-builder-install.log"),
                    line -> {},
                    () -> "installing");
        }
        GoTools.build(
                "collector",
                List.of(builder.toString(), "--config", MANIFEST),
                settings.root(),
                Map.of(),
                settings,
                settings.logDir().resolve("collector-build.log"),
                line -> {},
                () -> "fetching and compiling its modules");
        Path output = settings.root().resolve(manifest.outputPath()).resolve(manifest.name());
        Path binary = bin.resolve(manifest.name());
        Files.copy(output, binary, StandardCopyOption.REPLACE_EXISTING);
        Terminal.say(String.format(
                Locale.ROOT,
                "Built the collector in %d s: %s",
                GoTools.seconds(started),
                settings.root().relativize(binary)));
        return binary;
    }

    /**
     * Starts the collector on the repository's configuration and waits for its health check. {@code SCOUT_*} come
     * from the launcher's environment; without them the file's placeholders keep it running, printing to debug.
     */
    static Collector start(Settings settings) throws IOException, InterruptedException {
        return start(settings, List.of());
    }

    /**
     * The same, with more configuration merged over the repository's (the collector merges {@code --config} files in
     * order): how a test adds an exporter without a second copy of the file.
     */
    static Collector start(Settings settings, List<Path> overlays) throws IOException, InterruptedException {
        Path binary = ensureBuilt(settings);
        for (int port : List.of(4317, 4318, 13133, 8888, 55679)) {
            Ports.requireFree(port, "the collector");
        }
        Path log = settings.logDir().resolve("otel-collector.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--config",
                settings.root().resolve(CONFIGURATION).toString()));
        overlays.forEach(overlay -> command.addAll(List.of("--config", overlay.toString())));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(settings.environment());
        Collector collector = new Collector(builder.start(), settings.stopTimeout());
        try {
            Processes.awaitHttpOk(
                    HEALTH,
                    collector.process,
                    System.nanoTime() + settings.readyTimeout().toNanos(),
                    "the collector did not become healthy on " + HEALTH + "; see " + log);
            return collector;
        } catch (IOException | InterruptedException e) {
            collector.close();
            throw e;
        }
    }

    /** Where the services export: the collector's OTLP/HTTP receiver, unless the environment names an endpoint. */
    static Map<String, String> serviceEnvironment(Settings settings) {
        return settings.environment().containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
                ? Map.of()
                : Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", OTLP_HTTP);
    }

    static String describe(Settings settings) {
        boolean scout =
                settings.environment().getOrDefault("SCOUT_ENDPOINT", "").startsWith("http");
        return "OpenTelemetry Collector on " + CONFIGURATION + " (OTLP " + OTLP_HTTP + ", health " + HEALTH + "), "
                + (scout
                        ? "forwarding to Scout at " + settings.environment().get("SCOUT_ENDPOINT")
                        : "no SCOUT_* set: its debug exporter prints what it receives to "
                                + settings.logDir().resolve("otel-collector.log"));
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        Terminal.say("Stopping the collector");
        Processes.stop(process, stopTimeout);
    }
}
