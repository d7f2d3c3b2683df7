package dev.orders.fulfillment.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every committed result reads into the typed records, renders, and writes back to the same figures. */
class BenchResultTest {

    private static List<Path> results() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("results"))) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyCommittedResultReadsAndRendersAgainstTheOneBefore() throws IOException {
        List<Path> results = results();
        assertThat(results).hasSizeGreaterThan(1);
        for (int i = 1; i < results.size(); i++) {
            BenchResult now = Bench.JSON.readValue(results.get(i).toFile(), BenchResult.class);
            BenchResult before = Bench.JSON.readValue(results.get(i - 1).toFile(), BenchResult.class);

            String md = BenchReport.markdown(now, before, results.get(i - 1));

            assertThat(md)
                    .as(results.get(i).toString())
                    .contains("| host | " + now.machine().host() + " |")
                    .contains("## Against the previous result ("
                            + results.get(i - 1).getFileName() + ")")
                    .contains("| limit sustainable /s | "
                            + orDash(before.comparison().limitSustainable()) + " | "
                            + orDash(now.comparison().limitSustainable()) + " |");
            assertThat(now.suite()).isNotEmpty();
        }
    }

    @Test
    void aResultWrittenAgainReadsTheSameFigures() throws IOException {
        Path newest = results().get(results().size() - 1);
        BenchResult read = Bench.JSON.readValue(newest.toFile(), BenchResult.class);

        BenchResult again = Bench.JSON.readValue(Bench.JSON.writeValueAsString(read), BenchResult.class);

        // what the file says of each step, computed again from the figures it holds
        assertThat(read.suite())
                .extracting(Step::sustainable)
                .containsExactlyElementsOf(Bench.JSON
                        .readTree(newest.toFile())
                        .path("suite")
                        .valueStream()
                        .map(step -> step.path("sustainable").asBoolean())
                        .toList());

        assertThat(again.comparison()).isEqualTo(read.comparison());
        assertThat(again.services()).isEqualTo(read.services());
        assertThat(again.post()).isEqualTo(read.post());
        assertThat(again.suite())
                .extracting(Step::offeredPerSecond, Step::sustainable, Step::cpuMsPerOrder)
                .containsExactlyElementsOf(read.suite().stream()
                        .map(step -> org.assertj.core.groups.Tuple.tuple(
                                step.offeredPerSecond(), step.sustainable(), step.cpuMsPerOrder()))
                        .toList());
    }

    private static Object orDash(Object value) {
        return value == null ? "—" : value;
    }
}
