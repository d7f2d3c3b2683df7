package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orders.fulfillment.testsupport.PythonVenv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    private DashboardPanels() {}

    /** The virtualenv's Python with the pinned chdb, made or updated first when needed. */
    static Path requirePython(Path log) throws IOException, InterruptedException {
        return PythonVenv.require(VENV, CHECK.resolve("requirements.txt"), pinnedCheck(), "chdb", log);
    }

    /**
     * Runs every panel of every dashboard for each case on the file exporter's output in {@code telemetry}, with the
     * Python {@link #requirePython} gave.
     */
    static JsonNode run(Path python, Path telemetry, String database, List<Case> cases, Path work)
            throws IOException, InterruptedException {
        Path log = work.resolve("dashboard-panels.log");
        Path out = work.resolve("dashboard-panels.json");
        List<String> command = new ArrayList<>(List.of(
                python.toString(),
                CHECK.resolve("panels.py").toString(),
                "--telemetry",
                telemetry.toString(),
                "--database",
                database,
                "--out",
                out.toString()));
        cases.forEach(each -> command.addAll(List.of("--case", each.argument())));
        int exit = PythonVenv.run(log, command.toArray(String[]::new));
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(exit).as(output).isZero();
        return new ObjectMapper().readTree(out.toFile());
    }

    private static String pinnedCheck() throws IOException {
        String pin = Files.readString(CHECK.resolve("requirements.txt"))
                .lines()
                .filter(line -> line.startsWith("chdb=="))
                .findFirst()
                .orElseThrow()
                .substring("chdb==".length())
                .trim();
        return "import sys, chdb; sys.exit(0 if chdb.__version__ == '" + pin + "' else 1)";
    }
}
