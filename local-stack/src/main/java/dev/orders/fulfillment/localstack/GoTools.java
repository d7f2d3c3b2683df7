package dev.orders.fulfillment.localstack;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the launcher builds with Go: the Temporal CLI and the collector, each into {@code .tools/bin}. A binary is
 * current when the module versions Go recorded in it ({@code go version -m}) are the pinned ones, so nothing else
 * (no stamp file) has to be kept in step with it.
 */
final class GoTools {

    /** {@code go version -m}: {@code mod} (the main module) and {@code dep} lines, module then version. */
    private static final Pattern MODULE_LINE =
            Pattern.compile("^\\s*(?:mod|dep)\\s+(\\S+)\\s+(\\S+)", Pattern.MULTILINE);

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private GoTools() {}

    static Path binDir(Settings settings) {
        return settings.root().resolve(".tools/bin");
    }

    static Optional<Path> go(Settings settings) {
        return findOnPath("go", settings.environment().getOrDefault("PATH", ""));
    }

    static Optional<Path> findOnPath(String command, String path) {
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Every module a Go binary was built from, with its version; empty when Go cannot read it. */
    static Map<String, String> modules(Path go, Path binary) {
        try {
            Process process = new ProcessBuilder(go.toString(), "version", "-m", binary.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Map.of();
            }
            return modulesIn(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    static Map<String, String> modulesIn(String goVersionOutput) {
        Map<String, String> modules = new HashMap<>();
        Matcher line = MODULE_LINE.matcher(goVersionOutput);
        while (line.find()) {
            modules.put(line.group(1), line.group(2));
        }
        return modules;
    }

    /**
     * Runs a Go build ({@code go install}, the collector builder) in {@code directory} with the launcher's
     * environment plus {@code extra}, statically linked. Every line goes to {@code log} and to {@code eachLine};
     * {@code progress} is asked for a line to print every few seconds. Fails with the last lines on a non-zero exit.
     */
    static void build(
            String what,
            List<String> command,
            Path directory,
            Map<String, String> extra,
            Settings settings,
            Path log,
            Consumer<String> eachLine,
            ProgressLine progress)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(settings.environment());
        builder.environment().put("CGO_ENABLED", "0");
        builder.environment().putAll(extra);
        long started = System.nanoTime();
        Process process = builder.start();
        // a builder that prints nothing while go compiles still gets its progress line
        Thread ticker = new Thread(
                () -> {
                    try {
                        while (process.isAlive()) {
                            process.waitFor(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                            if (process.isAlive()) {
                                Terminal.say("  " + what + ": " + seconds(started) + " s, " + progress.now());
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                what + " progress");
        ticker.setDaemon(true);
        ticker.start();
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter written = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                written.println(line);
                eachLine.accept(line);
                tail.addLast(line);
                if (tail.size() > 20) {
                    tail.removeFirst();
                }
            }
        }
        int exit = process.waitFor();
        ticker.interrupt();
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + exit + "; " + log + "):"
                    + System.lineSeparator() + String.join(System.lineSeparator(), tail));
        }
    }

    static long seconds(long startedNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
    }

    /** What a build has done so far, in a few words. */
    interface ProgressLine {
        String now();
    }
}
