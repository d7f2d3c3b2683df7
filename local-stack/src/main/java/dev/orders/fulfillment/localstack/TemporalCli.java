package dev.orders.fulfillment.localstack;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Temporal CLI, whose {@code temporal server start-dev} is {@code make run}'s Temporal: the one on the PATH, else
 * the project's own in {@code .tools/bin}, installed with {@code go install} at the version the root pom pins. The
 * install compiles a few hundred packages (minutes the first time), so it happens once, and again only when the pin
 * changes.
 */
final class TemporalCli {

    /** {@code go version -m}: the line naming the main module and the version it was built at. */
    private static final Pattern MODULE_LINE = Pattern.compile("^\\s*mod\\s+(\\S+)\\s+(\\S+)", Pattern.MULTILINE);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

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
        return settings.root().resolve(".tools/bin/temporal");
    }

    /**
     * A {@code temporal} on the PATH (the user's own, at whatever version), else the project's at the pinned
     * version. A project binary whose version cannot be read (no Go to read it with) is taken as it is.
     */
    Optional<Path> find(Settings settings) {
        String path = settings.environment().getOrDefault("PATH", "");
        Optional<Path> onPath = findOnPath("temporal", path);
        if (onPath.isPresent()) {
            return onPath;
        }
        Path own = projectBinary(settings);
        if (!Files.isExecutable(own)) {
            return Optional.empty();
        }
        Optional<Path> go = findOnPath("go", path);
        if (go.isEmpty()) {
            return Optional.of(own);
        }
        Optional<String> built = builtVersion(go.get(), own);
        return built.isPresent() && built.get().equals(version) ? Optional.of(own) : Optional.empty();
    }

    static Optional<Path> go(Settings settings) {
        return findOnPath("go", settings.environment().getOrDefault("PATH", ""));
    }

    /**
     * {@code go install <module>@<version>} into {@code .tools/bin}, statically linked, with its version stamped in
     * so that {@code temporal --version} says it. Prints a line of progress every few seconds; the whole output goes
     * to {@code <logs>/temporal-cli-install.log}.
     */
    Path install(Path go, Settings settings) throws IOException, InterruptedException {
        Path target = projectBinary(settings);
        Files.createDirectories(target.getParent());
        Path log = settings.logDir().resolve("temporal-cli-install.log");
        Files.createDirectories(log.getParent());
        Terminal.say("Installing the Temporal CLI " + version + " into " + settings.root().relativize(target)
                + " with " + go + " (once; the first build compiles a few hundred packages and takes minutes)");
        ProcessBuilder builder = new ProcessBuilder(go.toString(), "install", "-v",
                "-ldflags=-X github.com/temporalio/cli/temporalcli.Version=" + version.replaceFirst("^v", ""),
                module + "@" + version)
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(settings.environment());
        builder.environment().put("GOBIN", target.getParent().toString());
        builder.environment().put("CGO_ENABLED", "0");
        long started = System.nanoTime();
        Process process = builder.start();
        Deque<String> tail = new ArrayDeque<>();
        int downloaded = 0;
        int compiled = 0;
        long nextReport = started + PROGRESS_EVERY.toNanos();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter written = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                written.println(line);
                if (line.startsWith("go: downloading ")) {
                    downloaded++;
                } else if (!line.startsWith("go: ")) {
                    compiled++;
                }
                tail.addLast(line);
                if (tail.size() > 20) {
                    tail.removeFirst();
                }
                if (System.nanoTime() > nextReport) {
                    Terminal.say(String.format(Locale.ROOT, "  Temporal CLI: %d s, %d modules downloaded, "
                            + "%d packages built", elapsedSeconds(started), downloaded, compiled));
                    nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || !Files.isExecutable(target)) {
            throw new IOException("go install " + module + "@" + version + " failed (exit " + exit + "; " + log
                    + "):" + System.lineSeparator() + String.join(System.lineSeparator(), tail));
        }
        Terminal.say(String.format(Locale.ROOT, "Installed the Temporal CLI %s in %d s (%s)", version,
                elapsedSeconds(started), compiled == 0 ? "linked from Go's build cache" : compiled + " packages built"));
        return target;
    }

    /** The module version a Go binary was built from, as {@code go version -m} reads it from the binary. */
    Optional<String> builtVersion(Path go, Path binary) {
        try {
            Process process = new ProcessBuilder(go.toString(), "version", "-m", binary.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return moduleVersion(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The version on {@code go version -m}'s {@code mod} line, when that line names the CLI's module. */
    Optional<String> moduleVersion(String goVersionOutput) {
        Matcher line = MODULE_LINE.matcher(goVersionOutput);
        String root = moduleRoot();
        return line.find() && line.group(1).equals(root) ? Optional.of(line.group(2)) : Optional.empty();
    }

    /** {@code github.com/temporalio/cli/cmd/temporal} is a package of the module {@code github.com/temporalio/cli}. */
    private String moduleRoot() {
        int cmd = module.indexOf("/cmd/");
        return cmd < 0 ? module : module.substring(0, cmd);
    }

    static Optional<Path> findOnPath(String command, String path) {
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static long elapsedSeconds(long started) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    }

    @Override
    public String toString() {
        return module + "@" + version;
    }
}
