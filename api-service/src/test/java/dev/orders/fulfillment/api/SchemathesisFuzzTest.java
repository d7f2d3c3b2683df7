package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.testsupport.PythonVenv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Schemathesis (pinned in {@code src/test/schemathesis/requirements.txt}, installed into {@code .tools/schemathesis})
 * against the running API's own OpenAPI document, over HTTP on real PostgreSQL: examples, coverage, fuzzing and the
 * stateful phase (the links from a placed order to reading, amending, reviewing and cancelling it), a fixed seed and
 * a bounded number of cases per operation. No answer may be a 5xx, and every answer must be one the document
 * declares, with its content type, headers and schema. Skipped where Python is missing (failed on CI).
 */
class SchemathesisFuzzTest extends ApiServiceTestBase {

    static final Path REQUIREMENTS = Path.of("src/test/schemathesis/requirements.txt");
    static final Path VENV =
            Path.of("..", ".tools", "schemathesis").toAbsolutePath().normalize();
    static final Path WORK = Path.of("target", "schemathesis");

    @LocalServerPort
    int port;

    @Test
    void everyGeneratedRequestIsAnsweredAsDocumentedAndNeverWithA5xx() throws IOException, InterruptedException {
        Path log = WORK.resolve("schemathesis.log");
        Files.createDirectories(WORK);
        Files.deleteIfExists(log);
        Path python = PythonVenv.require(VENV, REQUIREMENTS, pinned(), "Schemathesis", WORK.resolve("install.log"));
        List<String> command = List.of(
                python.resolveSibling("schemathesis").toString(),
                "run",
                "http://localhost:" + port + "/v3/api-docs",
                "--phases",
                "examples,coverage,fuzzing,stateful",
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,"
                        + "response_headers_conformance,response_schema_conformance",
                "--max-examples",
                "50",
                "--seed",
                "20261202",
                "--workers",
                "1",
                "--report",
                "junit",
                "--report-dir",
                WORK.toString(),
                "--no-color");
        int exit = PythonVenv.run(log, command.toArray(String[]::new));
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(exit)
                .as("schemathesis found problems (its output above, and " + log + ")")
                .isZero();
    }

    private static String pinned() throws IOException {
        String pin = Files.readString(REQUIREMENTS)
                .lines()
                .filter(line -> line.startsWith("schemathesis=="))
                .findFirst()
                .orElseThrow()
                .substring("schemathesis==".length())
                .trim();
        return "import sys, importlib.metadata as m; sys.exit(0 if m.version('schemathesis') == '" + pin + "' else 1)";
    }
}
