package dev.orders.fulfillment.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Temporal CLI, whose {@code temporal server start-dev} is {@code make run}'s Temporal: the one on the PATH, else
 * the project's own in {@code .tools/bin}, installed with {@code go install} at the version the root pom pins. The
 * install compiles a few hundred packages (minutes the first time), so it happens once, and again only when the pin
 * changes.
 */
final class TemporalCli {

    private final String module;
    private final String version;

    TemporalCli(String module, String version) {
        this.module = module;
        this.version = version;
    }

    /** The pinned module and version (from the root pom, through {@code temporal-cli.properties}). */
    static TemporalCli pinned() {
        Properties properties = new Properties();
        try (InputStream in = TemporalCli.class.getResourceAsStream("/temporal-cli.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("temporal-cli.properties is missing from the launcher's jar", e);
        }
        return new TemporalCli(properties.getProperty("module"), properties.getProperty("version"));
    }

    String version() {
        return version;
    }

    /** What to run where no CLI can be had: one command, and where to read about the others. */
    String howToGet() {
        return "go install " + module + "@" + version + " (needs Go), or Temporal's own install methods "
                + "(https://docs.temporal.io/cli#install)";
    }

    static Path projectBinary(Settings settings) {
        return GoTools.binDir(settings).resolve("temporal");
    }

    /**
     * A {@code temporal} on the PATH (the user's own, at whatever version), else the project's at the pinned
     * version. A project binary whose version cannot be read (no Go to read it with) is taken as it is.
     */
    Optional<Path> find(Settings settings) {
        Optional<Path> onPath =
                GoTools.findOnPath("temporal", settings.environment().getOrDefault("PATH", ""));
        if (onPath.isPresent()) {
            return onPath;
        }
        Path own = projectBinary(settings);
        if (!Files.isExecutable(own)) {
            return Optional.empty();
        }
        Optional<Path> go = GoTools.go(settings);
        return go.isEmpty() || isCurrent(go.get(), own) ? Optional.of(own) : Optional.empty();
    }

    /** Whether Go built this binary from the pinned module version. */
    boolean isCurrent(Path go, Path binary) {
        return version.equals(builtVersion(GoTools.modules(go, binary)));
    }

    /** The CLI's module version among a binary's modules ({@code github.com/temporalio/cli/cmd/temporal} is a package
     * of the module {@code github.com/temporalio/cli}). */
    String builtVersion(Map<String, String> modules) {
        int cmd = module.indexOf("/cmd/");
        return modules.get(cmd < 0 ? module : module.substring(0, cmd));
    }

    /**
     * {@code go install <module>@<version>} into {@code .tools/bin}, statically linked, with its version stamped in
     * so that {@code temporal --version} says it, printing progress; the whole output goes to
     * {@code <logs>/temporal-cli-install.log}.
     */
    Path install(Path go, Settings settings) throws IOException, InterruptedException {
        Path target = projectBinary(settings);
        Files.createDirectories(target.getParent());
        Terminal.say("Installing the Temporal CLI " + version + " into "
                + settings.root().relativize(target) + " with " + go
                + " (once; the first build compiles a few hundred packages and takes minutes)");
        AtomicInteger downloaded = new AtomicInteger();
        AtomicInteger compiled = new AtomicInteger();
        long started = System.nanoTime();
        GoTools.build(
                "Temporal CLI",
                List.of(
                        go.toString(),
                        "install",
                        "-v",
                        "-ldflags=-X github.com/temporalio/cli/temporalcli.Version=" + version.replaceFirst("^v", ""),
                        module + "@" + version),
                settings.root(),
                Map.of("GOBIN", target.getParent().toString()),
                settings,
                settings.logDir().resolve("temporal-cli-install.log"),
                line -> {
                    if (line.startsWith("go: downloading ")) {
                        downloaded.incrementAndGet();
                    } else if (!line.startsWith("go: ")) {
                        compiled.incrementAndGet(); // go install -v names each package it compiles
                    }
                },
                () -> downloaded.get() + " modules downloaded, " + compiled.get() + " packages built");
        if (!Files.isExecutable(target)) {
            throw new IOException("go install " + module + "@" + version + " left no " + target);
        }
        Terminal.say(String.format(
                Locale.ROOT,
                "Installed the Temporal CLI %s in %d s (%s)",
                version,
                GoTools.seconds(started),
                compiled.get() == 0 ? "linked from Go's build cache" : compiled.get() + " packages built"));
        return target;
    }
}
