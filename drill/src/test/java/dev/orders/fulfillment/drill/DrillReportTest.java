package dev.orders.fulfillment.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.loadgen.Percentiles;
import dev.orders.fulfillment.loadgen.Reconciliation;
import dev.orders.fulfillment.loadgen.Report;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrillReportTest {

    private static final Ledgers.Findings CLEAN = new Ledgers.Findings(100, 0, 0, 0, 0, 0, 0, 0);

    @Test
    void cleanDrillsSumUpInTheLastLine() {
        DrillReport report = report(
                ran("kill fraud-worker", 100, List.of(), CLEAN), ran("kill payment-worker", 50, List.of(), CLEAN));

        assertThat(report.passed()).isTrue();
        assertThat(report.lastLine())
                .isEqualTo("drill: 150 orders, 0 lost, 0 duplicate charges, 0 orphan reservations, stock conserved");
        assertThat(report.table())
                .contains("| kill fraud-worker | killed | 100 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | conserved"
                        + " | 0 | passed |");
    }

    @Test
    void anyBrokenInvariantFailsTheDrillAndShowsInTheLastLine() {
        Ledgers.Findings charged = new Ledgers.Findings(100, 0, 0, 2, 0, 1, 3, 0);
        DrillReport report = report(
                ran("kill payment-worker", 100, List.of("lost-1"), charged),
                StepResult.skipped("kill Temporal", "needs the Temporal dev server"));

        assertThat(report.passed()).isFalse();
        assertThat(report.results().get(0).violations())
                .containsExactly(
                        "1 orders lost or never settled",
                        "2 orders charged twice",
                        "1 ended orders holding stock without shipping",
                        "3 SKUs whose stock does not add up");
        assertThat(report.lastLine())
                .isEqualTo("drill: 100 orders, 1 lost, 2 duplicate charges, 1 orphan"
                        + " reservations, stock NOT conserved (1 drills not run); 1 drills FAILED (see the table)");
        assertThat(report.table()).contains("| kill Temporal | not run: needs the Temporal dev server |");
    }

    @Test
    void aFaultThatSawSomethingWrongFailsItsDrill() {
        StepResult result = new StepResult(
                "PostgreSQL down",
                null,
                new Step.Outcome("a 500 during the outage", false),
                traffic(10, List.of()),
                CLEAN,
                true);

        assertThat(result.passed()).isFalse();
        assertThat(result.violations()).containsExactly("the fault: a 500 during the outage");
    }

    @Test
    void drillsAreNamedOnTheCommandLineAsSlugs() {
        assertThat(Drill.slug("kill order-workflow-worker")).isEqualTo("kill-order-workflow-worker");
        assertThat(Drill.slug("PostgreSQL down")).isEqualTo("postgres-down");
        assertThat(Step.all(java.time.Duration.ofSeconds(20), java.time.Duration.ofSeconds(15)))
                .extracting(step -> Drill.slug(step.name()))
                .contains("kill-api-service", "kill-temporal", "postgres-down", "temporal-unreachable")
                .hasSize(10);
    }

    private static DrillReport report(StepResult... results) {
        return new DrillReport(
                Instant.parse("2026-12-02T10:00:00Z"), "temporal server start-dev", "Each drill: …", List.of(results));
    }

    private static StepResult ran(String name, long accepted, List<String> lost, Ledgers.Findings findings) {
        return new StepResult(name, null, new Step.Outcome("killed", true), traffic(accepted, lost), findings, true);
    }

    private static Report traffic(long accepted, List<String> lost) {
        return new Report(
                accepted,
                accepted,
                0,
                0,
                0,
                0,
                0,
                0,
                10,
                20,
                new Percentiles(0, 0, 0, 0, 0, 0),
                Map.of(),
                new Reconciliation(Map.of(), List.of(), List.of(), lost));
    }
}
