package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code dashboards/check/panels.py}: every dashboard query run on ClickHouse in process (chdb, pinned in
 * {@code dashboards/check/requirements.txt}), in a virtualenv this class makes under {@code .tools/python} with
 * the machine's Python 3 and PyPI. Where Python or the package cannot be had, the test needing it is skipped with
 * the reason (failed on CI).
 */
final class DashboardPanels {

    static final Path ROOT = Settings.findRoot();
    static final Path CHECK = ROOT.resolve("dashboards/check");
    static final Path VENV = ROOT.resolve(".tools/python");

    /** One case of a run: a time range and the variables set instead of their defaults. */
    record Case(String name, long fromMs, long toMs, List<String> assignments) {

        String argument() {
            List<String> parts = new ArrayList<>(List.of(name, Long.toString(fromMs), Long.toString(toMs)));
            parts.addAll(assignments);
            return String.join(",", parts);
        }
    }

    private DashboardPanels() {
    }

    /** The virtualenv's Python with the pinned chdb, made or updated first when needed. */
    static Path requirePython(Path log) throws IOException, InterruptedException {
        Path python = VENV.resolve("bin/python");
        if (Files.isExecutable(python) && exitCode(log, python.toString(), "-c", pinnedCheck()) == 0) {
            return python;
        }
        Optional<Path> system = GoTools.findOnPath("python3", System.getenv().getOrDefault("PATH", ""));
        RealParts.require(system.isPresent(), "needs python3 on the PATH for the dashboard queries (chdb)");
        System.out.println("Installing chdb into " + ROOT.relativize(VENV) + " (" + requirements().trim()
                .lines().filter(line -> !line.startsWith("#")).toList() + ", from PyPI; a minute the first time)");
        if (!Files.isExecutable(python)) {
            RealParts.require(exitCode(log, system.get().toString(), "-m", "venv", VENV.toString()) == 0,
                    "needs python3 with venv (Debian: apt-get install python3-venv); see " + log);
        }
        RealParts.require(exitCode(log, python.toString(), "-m", "pip", "install", "--disable-pip-version-check",
                "--progress-bar", "off", "-r", CHECK.resolve("requirements.txt").toString()) == 0,
                "needs chdb from PyPI, and pip could not install it; see " + log);
        assertThat(exitCode(log, python.toString(), "-c", pinnedCheck())).as("chdb at its pin after pip install")
                .isZero();
        return python;
    }

    /**
     * Runs every panel of every dashboard for each case on the file exporter's output in {@code telemetry}, with the
     * Python {@link #requirePython} gave.
     */
    static JsonNode run(Path python, Path telemetry, String database, List<Case> cases, Path work)
            throws IOException, InterruptedException {
        Path log = work.resolve("dashboard-panels.log");
        Path out = work.resolve("dashboard-panels.json");
        List<String> command = new ArrayList<>(List.of(python.toString(), CHECK.resolve("panels.py").toString(),
                "--telemetry", telemetry.toString(), "--database", database, "--out", out.toString()));
        cases.forEach(each -> command.addAll(List.of("--case", each.argument())));
        int exit = exitCode(log, command.toArray(String[]::new));
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(exit).as(output).isZero();
        return new ObjectMapper().readTree(out.toFile());
    }

    private static String requirements() throws IOException {
        return Files.readString(CHECK.resolve("requirements.txt"));
    }

    private static String pinnedCheck() throws IOException {
        String pin = requirements().lines().filter(line -> line.startsWith("chdb==")).findFirst().orElseThrow()
                .substring("chdb==".length()).trim();
        return "import sys, chdb; sys.exit(0 if chdb.__version__ == '" + pin + "' else 1)";
    }

    private static int exitCode(Path log, String... command) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
