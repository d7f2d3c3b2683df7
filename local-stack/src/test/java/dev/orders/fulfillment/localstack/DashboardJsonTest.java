package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the dashboards' JSON must say for Grafana and the Altinity datasource to draw what their queries return;
 * CollectorPipelineEndToEndTest runs the queries themselves on ClickHouse. Needs only a JDK.
 */
class DashboardJsonTest {

    private static final Path DASHBOARDS = Settings.findRoot().resolve("dashboards");

    static Stream<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    private static JsonNode read(Path dashboard) throws IOException {
        return new ObjectMapper().readTree(dashboard.toFile());
    }

    private static List<JsonNode> targets(JsonNode dashboard) {
        List<JsonNode> targets = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(targets::add));
        return targets;
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void theDatabaseIsFoundByItsTablesAndQuotedWhereverItIsUsed(Path file) throws IOException {
        JsonNode dashboard = read(file);
        JsonNode database = variable(dashboard, "database");

        assertThat(database.path("type").asText()).isEqualTo("query");
        assertThat(database.path("query").asText()).contains("system.tables").contains("otel_metrics_sum");
        // Scout's database is named after the org (acme-corp): a bare ${database} would not parse
        for (JsonNode target : targets(dashboard)) {
            assertThat(target.path("query").asText())
                    .contains("${database:doublequote}.")
                    .doesNotContain("${database}")
                    .doesNotContainPattern("\\$database\\b");
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void theEnvironmentsOfferedAreTheOnesTheCollectorSet(Path file) throws IOException {
        JsonNode environment = variable(read(file), "environment");

        assertThat(environment.path("type").asText()).isEqualTo("query");
        assertThat(environment.path("query").asText()).contains("ResourceAttributes['deployment.environment']");
        assertThat(environment.path("includeAll").asBoolean()).isTrue();
        // the panels' filter reads 'all' as no filter
        assertThat(environment.path("allValue").asText()).isEqualTo("all");
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void timeSeriesHaveAOneMinuteStepAndNoExtrapolation(Path file) throws IOException {
        for (JsonNode panel : read(file).path("panels")) {
            if (panel.path("type").asText().equals("timeseries")) {
                // the services export every 10 s (service-defaults.yaml): shorter buckets show gaps, and sum/$interval
                // then overstates the rate
                assertThat(panel.path("interval").asText())
                        .as(panel.path("title").asText())
                        .isEqualTo("1m");
                panel.path("targets").forEach(target -> {
                    assertThat(target.path("format").asText()).isEqualTo("time_series");
                    assertThat(target.path("extrapolate").isBoolean()
                                    && !target.path("extrapolate").asBoolean())
                            .as(panel.path("title").asText() + ": extrapolation off")
                            .isTrue();
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void metricSumsReadOnlyDeltaPoints(Path file) throws IOException {
        for (JsonNode target : targets(read(file))) {
            String query = target.path("query").asText();
            if (query.matches("(?s).*otel_metrics_(sum|histogram).*")) {
                // the services export deltas (service-defaults.yaml); a cumulative point summed would count twice
                assertThat(query).contains("AggregationTemporality = 1");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void pieChartsDrawOneSlicePerRow(Path file) throws IOException {
        for (JsonNode panel : read(file).path("panels")) {
            if (panel.path("type").asText().equals("piechart")) {
                assertThat(panel.path("options")
                                .path("reduceOptions")
                                .path("values")
                                .asBoolean())
                        .as(panel.path("title").asText())
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void noPanelAddsPerChargeDeclinesToPerOrderOutcomes(Path file) throws IOException {
        for (JsonNode target : targets(read(file))) {
            String query = target.path("query").asText();
            if (query.contains("payment.failures")) {
                assertThat(query).doesNotContainPattern("orders\\.(rejected|payment_failed|cancelled|processed)");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void ordersListedFromSpansAreListedOnceHoweverOftenTheirStepRan(Path file) throws IOException {
        for (JsonNode target : targets(read(file))) {
            String query = target.path("query").asText();
            if (query.contains("otel_traces") && query.contains("AS order_id")) {
                assertThat(query).contains("GROUP BY order_id");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void panelsDoNotOverlap(Path file) throws IOException {
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : read(file).path("panels")) {
            JsonNode grid = panel.path("gridPos");
            int[] box = {
                grid.path("x").asInt(),
                grid.path("y").asInt(),
                grid.path("w").asInt(),
                grid.path("h").asInt()
            };
            assertThat(box[0] + box[2]).as(panel.path("title").asText()).isLessThanOrEqualTo(24);
            for (int[] other : boxes) {
                boolean apart = box[0] + box[2] <= other[0]
                        || other[0] + other[2] <= box[0]
                        || box[1] + box[3] <= other[1]
                        || other[1] + other[3] <= box[1];
                assertThat(apart)
                        .as(panel.path("title").asText() + " overlaps another panel")
                        .isTrue();
            }
            boxes.add(box);
        }
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no variable " + name);
    }
}
