package dev.orders.fulfillment.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which images {@link ComposeStackTest} runs, from {@code COMPOSE_IMAGES}: {@code upstream} (the default) is
 * compose.yml as it stands, the services built by Docker from the Dockerfile and the rest pulled, as a user with a
 * registry runs it; {@code local} adds compose.local.yml, whose images {@code compose/local/build-images.sh} builds
 * without a registry (from the jars the reactor just packaged, Debian's packages and the Go module proxy), as on the
 * machine this suite is built on.
 */
enum ComposeImages {
    UPSTREAM(List.of("compose.yml")),
    LOCAL(List.of("compose.yml", "compose.local.yml"));

    static final String VARIABLE = "COMPOSE_IMAGES";
    private static final long BUILD_MINUTES = 30;

    private final List<String> files;

    ComposeImages(List<String> files) {
        this.files = files;
    }

    static ComposeImages fromEnvironment(Map<String, String> environment) {
        String value = environment.getOrDefault(VARIABLE, "upstream");
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + " is " + value + ": upstream or local");
        }
    }

    List<String> fileNames() {
        return files;
    }

    List<File> files(Path root) {
        return files.stream().map(file -> root.resolve(file).toFile()).toList();
    }

    /** Docker builds the services' images and pulls the rest; the local ones are all built beforehand. */
    boolean builtByCompose() {
        return this == UPSTREAM;
    }

    /**
     * Builds the local images (nothing for upstream): each once, then only what changed, so a second run takes
     * seconds. Its output goes to {@code log}; a failure ends the test with the log's last lines.
     */
    void prepare(Path root, Path log) throws IOException, InterruptedException {
        if (this != LOCAL) {
            return;
        }
        Files.createDirectories(log.getParent());
        Process build = new ProcessBuilder(
                        root.resolve("compose/local/build-images.sh").toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!build.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new IllegalStateException(
                    "compose/local/build-images.sh ran past " + BUILD_MINUTES + " minutes; its output: " + log);
        }
        if (build.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IllegalStateException("compose/local/build-images.sh failed (exit " + build.exitValue() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
    }
}
