package dev.orders.fulfillment.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A virtualenv under {@code .tools/} with a pinned requirements file installed from PyPI by the machine's Python 3:
 * made, or brought to the pins, the first time a test needs it. Where Python, venv or PyPI are missing, the test is
 * skipped with the reason ({@link Prerequisites}: failed on CI).
 */
public final class PythonVenv {

    private PythonVenv() {}

    /**
     * The venv's Python, with {@code requirements} installed. {@code pinned} is a Python statement that exits 0 when
     * the venv already has them (checked before and after installing); {@code what} names them in the messages.
     */
    public static Path require(Path venv, Path requirements, String pinned, String what, Path log)
            throws IOException, InterruptedException {
        Path python = venv.resolve("bin/python");
        if (Files.isExecutable(python) && run(log, python.toString(), "-c", pinned) == 0) {
            return python;
        }
        Optional<Path> system = onPath("python3");
        Prerequisites.require(system.isPresent(), "needs python3 on the PATH for " + what);
        System.out.println("Installing " + what + " into " + venv + " (" + requirements + ", from PyPI; a minute"
                + " the first time)");
        if (!Files.isExecutable(python)) {
            Prerequisites.require(
                    run(log, system.get().toString(), "-m", "venv", venv.toString()) == 0,
                    "needs python3 with venv (Debian: apt-get install python3-venv); see " + log);
        }
        Prerequisites.require(
                run(
                                log,
                                python.toString(),
                                "-m",
                                "pip",
                                "install",
                                "--disable-pip-version-check",
                                "--progress-bar",
                                "off",
                                "-r",
                                requirements.toString())
                        == 0,
                "needs " + what + " from PyPI, and pip could not install it; see " + log);
        if (run(log, python.toString(), "-c", pinned) != 0) {
            throw new IllegalStateException(what + " is not at its pin after pip install; see " + log);
        }
        return python;
    }

    /** Runs {@code command}, its output appended to {@code log}; the exit code, -1 when it ran over 10 minutes. */
    public static int run(Path log, String... command) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
