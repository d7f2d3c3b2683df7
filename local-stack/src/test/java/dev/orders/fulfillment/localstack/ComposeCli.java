package dev.orders.fulfillment.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The machine's {@code docker-compose} on the same files and project as the stack: for what Testcontainers lacks. */
record ComposeCli(List<File> files, String project, Map<String, String> environment) {

    record Result(int exitCode, String output) {}

    Result run(List<String> arguments, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Settings.findRoot().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("COMPOSE_PROJECT_NAME", project);
        builder.environment()
                .put(
                        "COMPOSE_FILE",
                        String.join(
                                File.pathSeparator,
                                files.stream().map(File::getPath).toList()));
        Path output = Files.createTempFile("compose-", ".log");
        try {
            Process process = builder.redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
                return new Result(-1, "ran past " + timeout + ":\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.delete(output);
        }
    }
}
