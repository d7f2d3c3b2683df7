package dev.orders.fulfillment.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every history {@link HistoryRecorder} ever recorded on a real Temporal server replays on today's workflow code:
 * what a worker deployed now does with the orders in flight when it starts. A change that breaks one of them needs
 * {@code Workflow.getVersion} (README, "Changing the workflow while orders are in flight").
 */
class RecordedHistoryReplayTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void replaysOnTodaysWorkflow(String name, Path history) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(history.toFile(), OrderFulfillmentWorkflowImpl.class);
    }

    @Test
    void theNewestRecordingHasEveryDecisionPath() throws Exception {
        List<Path> recordings;
        try (Stream<Path> folders = Files.list(root())) {
            recordings = folders.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(recordings).isNotEmpty();
        Path newest = recordings.get(recordings.size() - 1);
        for (String path : HistoryRecorder.PATHS) {
            assertThat(newest.resolve(path + ".json"))
                    .as("a recording of " + path)
                    .isRegularFile();
        }
    }

    static Stream<Object[]> histories() throws IOException, URISyntaxException {
        Path root = root();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return files.stream().map(p -> new Object[] {root.relativize(p).toString(), p});
    }

    static Path root() throws URISyntaxException {
        return Path.of(RecordedHistoryReplayTest.class.getResource("/histories").toURI());
    }
}
