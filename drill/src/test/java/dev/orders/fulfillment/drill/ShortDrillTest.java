package dev.orders.fulfillment.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.localstack.LocalStack;
import dev.orders.fulfillment.localstack.RunningStack;
import dev.orders.fulfillment.localstack.Service;
import dev.orders.fulfillment.localstack.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * make test's short drill: the packaged suite, supervised as make run runs it; payment-worker SIGKILLed while
 * loadgen's orders flow, brought back by supervision; then every order reconciled and the ledgers read, as
 * {@code make drill} does for each of its drills.
 */
class ShortDrillTest {

    @TempDir
    Path dataDir;

    @Test
    void aWorkerKilledMidLoadComesBackAndNoOrderOrLedgerIsTheWorseForIt() throws Exception {
        Settings settings = Settings.fromEnvironment(Settings.findRoot(), Settings.isolated(System.getenv()))
                .withDataDir(dataDir)
                .withPorts(19180, 25632, 19333)
                .withoutServiceEcho();
        try (RunningStack stack = LocalStack.startAfresh(settings)) {
            stack.superviseInBackground();
            // scripts/TestReport.java puts this line in make test's summary
            System.out.println("report: ShortDrillTest ran on " + stack.temporalDescription());
            Step kill = Step.killService(Service.PAYMENT_WORKER, Duration.ofSeconds(4), Duration.ofSeconds(16));

            List<StepResult> results = Drill.run(stack, List.of(kill), 5, 20261203, System.out);

            StepResult result = results.get(0);
            assertThat(result.ran()).isTrue();
            assertThat(result.outcome().what()).contains("ready again");
            assertThat(result.orders()).isEqualTo(80);
            assertThat(result.violations()).isEmpty();
            assertThat(result.ledgers().orders()).isEqualTo(80);
            DrillReport report =
                    new DrillReport(java.time.Instant.now(), stack.temporalDescription(), "short", results);
            assertThat(report.lastLine())
                    .isEqualTo("drill: 80 orders, 0 lost, 0 duplicate charges, 0 orphan reservations, stock conserved");
        }
    }
}
