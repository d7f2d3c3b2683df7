package dev.orders.fulfillment.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line, as a user meets it: clear errors and exit status 2 for options that cannot work. */
class LoadGenCommandTest {

    @Test
    void withoutCountOrDurationItSaysWhatIsMissing() {
        assertThat(run()).contains("--count N or --duration 60s");
        assertThat(exitCode()).isEqualTo(2);
    }

    @Test
    void badValuesAreNamed() {
        assertThat(run("--count", "5", "--mix", "auto:70,fast:30")).contains("unknown path 'fast'");
        assertThat(run("--duration", "soon")).contains("'soon' is not a duration");
        assertThat(run("--count", "5", "--rps", "0")).contains("--rps must be positive");
        assertThat(run("--count", "5", "--approve-rate", "1.5")).contains("--approve-rate must be between 0 and 1");
        assertThat(run("--count", "5", "--url", "localhost:8080")).contains("--url must be an http(s) URL");
    }

    @Test
    void durationsReadTheWayPeopleWriteThem() {
        LoadGen.DurationConverter durations = new LoadGen.DurationConverter();
        assertThat(durations.convert("60s")).hasSeconds(60);
        assertThat(durations.convert("500ms")).hasMillis(500);
        assertThat(durations.convert("5m")).hasMinutes(5);
        assertThat(durations.convert("PT1M30S")).hasSeconds(90);
        assertThat(durations.convert("0")).isZero();
    }

    @Test
    void helpAndVersionWork() {
        CommandLine commandLine = new CommandLine(new LoadGen());
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("--help")).isZero();
        assertThat(out.toString()).contains("--review-after", "--max-error-rate", "--mix");
        assertThat(commandLine.execute("--version")).isZero();
    }

    private int lastExit;

    private String run(String... args) {
        CommandLine commandLine = new CommandLine(new LoadGen());
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        lastExit = commandLine.execute(args);
        return err.toString();
    }

    private int exitCode() {
        return lastExit;
    }
}
