package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What each dashboard panel must return, read from {@code dashboards/check/panels.py}'s results for one case: the
 * panel's columns and rows as ClickHouse answered them.
 */
final class DashboardExpectations {

    private static final String OVERVIEW = "order-fulfillment-overview.json";
    private static final String REVENUE = "revenue-analytics.json";
    private static final String SERVICES = "service-performance.json";
    /** The time-series panels' minimum step (their Min interval): a minute, as $interval comes out. */
    private static final int STEP_SECONDS = 60;

    private DashboardExpectations() {}

    /** A panel's result: column names and rows. */
    record Panel(String dashboard, String title, String format, String sql, List<String> columns, JsonNode rows) {

        static Panel of(String dashboard, JsonNode node) {
            List<String> columns = new ArrayList<>();
            node.path("columns").forEach(column -> columns.add(column.get(0).asText()));
            return new Panel(
                    dashboard,
                    node.path("title").asText(),
                    node.path("format").asText(),
                    node.path("sql").asText(),
                    columns,
                    node.path("rows"));
        }

        double number(int row, String column) {
            JsonNode value = rows.get(row).get(index(column));
            return value.isNull() ? Double.NaN : value.asDouble();
        }

        String string(int row, String column) {
            return rows.get(row).get(index(column)).asText();
        }

        double single(String column) {
            assertThat(rows).as(title + ": one row").hasSize(1);
            return number(0, column);
        }

        /** {@code key column → sum of value column} over the rows. */
        Map<String, Double> sums(String key, String value) {
            Map<String, Double> sums = new TreeMap<>();
            for (int row = 0; row < rows.size(); row++) {
                sums.merge(string(row, key), number(row, value), Double::sum);
            }
            return sums;
        }

        double total(String column) {
            double total = 0;
            for (int row = 0; row < rows.size(); row++) {
                total += number(row, column);
            }
            return total;
        }

        private int index(String column) {
            int index = columns.indexOf(column);
            assertThat(index)
                    .as(title + " has column " + column + " in " + columns)
                    .isNotNegative();
            return index;
        }
    }

    static List<Panel> panels(JsonNode results) {
        List<Panel> panels = new ArrayList<>();
        results.fields()
                .forEachRemaining(dashboard -> dashboard
                        .getValue()
                        .path("panels")
                        .forEach(panel -> panels.add(Panel.of(dashboard.getKey(), panel))));
        return panels;
    }

    static Panel panel(JsonNode results, String dashboard, String title) {
        JsonNode found = null;
        for (JsonNode panel : results.path(dashboard).path("panels")) {
            if (panel.path("title").asText().equals(title)) {
                found = panel;
            }
        }
        assertThat(found).as(dashboard + " has a panel " + title).isNotNull();
        assertThat(found.has("error"))
                .as(title + ": " + found.path("error").asText())
                .isFalse();
        return Panel.of(dashboard, found);
    }

    /** The run: every panel answers without error, with data, in columns any plugin version reads as numbers. */
    static void assertRun(JsonNode results, CollectorPipelineEndToEndTest.Expected expected, List<String> services) {
        assertThat(panels(results)).hasSizeGreaterThanOrEqualTo(27);
        for (JsonNode dashboard : iterable(results)) {
            for (JsonNode panel : dashboard.path("panels")) {
                String title = panel.path("title").asText();
                assertThat(panel.has("error"))
                        .as(title + ": " + panel.path("error").asText())
                        .isFalse();
                assertThat(panel.path("rows")).as(title + " has data").isNotEmpty();
                // 64-bit integers arrive as JSON strings from older plugin and server versions (the time column
                // of a time series is the plugin's own, in milliseconds)
                boolean timeSeries = "time_series".equals(panel.path("format").asText());
                for (int i = timeSeries ? 1 : 0; i < panel.path("columns").size(); i++) {
                    JsonNode column = panel.path("columns").get(i);
                    assertThat(column.get(1).asText())
                            .as(title + " " + column.get(0).asText())
                            .doesNotContainPattern("Int(64|128|256)");
                }
                if (timeSeries) {
                    assertThat(panel.path("columns").get(0).get(0).asText())
                            .as(title + ": time first")
                            .isEqualTo("t");
                    assertThat(panel.path("sql").asText())
                            .as(title + ": a one-minute step")
                            .contains("(" + STEP_SECONDS + " * 1000)");
                }
            }
        }

        assertThat(panel(results, OVERVIEW, "Total Orders").single("total")).isEqualTo(expected.orders());
        assertThat(panel(results, OVERVIEW, "Approved").single("total")).isEqualTo(expected.completed());
        assertThat(panel(results, OVERVIEW, "Backordered").single("total")).isEqualTo(expected.backordered());
        assertThat(panel(results, OVERVIEW, "Failed").single("total")).isEqualTo(expected.failed());
        assertThat(panel(results, OVERVIEW, "Order Throughput").total("orders_per_second") * STEP_SECONDS)
                .isCloseTo(expected.orders(), within(1e-6));
        assertThat(longs(panel(results, OVERVIEW, "Decision Path Distribution").sums("decision_path", "orders")))
                .isEqualTo(expected.byDecisionPath());
        assertThat(longs(panel(results, OVERVIEW, "Orders by Customer Tier").sums("customer_tier", "orders")))
                .isEqualTo(expected.byTier());
        Panel latency = panel(results, OVERVIEW, "Processing Latency (p50 / p90 / p99)");
        for (int row = 0; row < latency.rows().size(); row++) {
            assertThat(latency.number(row, "p50")).isPositive().isLessThanOrEqualTo(latency.number(row, "p90"));
            assertThat(latency.number(row, "p90")).isLessThanOrEqualTo(latency.number(row, "p99"));
        }
        assertThat(panel(results, OVERVIEW, "Fraud Risk Score Distribution").total("orders"))
                .isEqualTo(expected.assessed());
        Panel failures = panel(results, OVERVIEW, "Failed Orders by Reason");
        assertThat(failures.total("orders")).as("each failed order once").isEqualTo(expected.failed());
        assertThat(panel(results, OVERVIEW, "Gateway Declines by Reason").sums("decline_reason", "charges"))
                .containsKey("test_decline");

        assertThat(panel(results, REVENUE, "Total Revenue").single("total"))
                .isCloseTo(expected.revenue(), within(0.005));
        assertThat(panel(results, REVENUE, "Average Order Value").single("average"))
                .isCloseTo(expected.averageCompleted(), within(0.005));
        assertThat(panel(results, REVENUE, "Lost Revenue (Failed)").single("lost"))
                .isCloseTo(expected.lost(), within(0.005));
        assertThat(panel(results, REVENUE, "High Value Orders").single("orders"))
                .isEqualTo(expected.highValue());
        assertThat(panel(results, REVENUE, "Revenue Over Time").total("revenue"))
                .isCloseTo(expected.revenue(), within(0.005));
        assertThat(panel(results, REVENUE, "Revenue by Customer Tier").sums("customer_tier", "revenue"))
                .allSatisfy((tier, revenue) ->
                        assertThat(revenue).isCloseTo(expected.revenueByTier().get(tier), within(0.005)))
                .containsOnlyKeys(expected.revenueByTier().keySet());
        assertThat(panel(results, REVENUE, "Order Value Distribution").total("orders"))
                .isEqualTo(expected.orders());
        assertThat(panel(results, REVENUE, "Orders by Value Range").total("orders"))
                .isEqualTo(expected.orders());
        Panel highValue = panel(results, REVENUE, "High Value Orders (latest)");
        List<String> ids = new ArrayList<>();
        for (int row = 0; row < highValue.rows().size(); row++) {
            ids.add(highValue.string(row, "order_id"));
            assertThat(highValue.number(row, "amount")).isGreaterThan(1000);
            assertThat(highValue.string(row, "trace_id")).matches("[0-9a-f]{32}");
        }
        assertThat(ids)
                .as("each order once")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected.highValueOrderIds());

        Panel health = panel(results, SERVICES, "Service Health");
        assertThat(column(health, "service")).containsExactlyInAnyOrderElementsOf(services);
        for (int row = 0; row < health.rows().size(); row++) {
            assertThat(health.number(row, "spans")).isPositive();
            assertThat(health.number(row, "error_percent")).isBetween(0.0, 100.0);
        }
        assertThat(column(panel(results, SERVICES, "Span Rate by Service"), "ServiceName"))
                .containsAll(services);
        assertThat(column(panel(results, SERVICES, "Activity Latency"), "activity"))
                .contains(
                        "FraudAssessment",
                        "ReserveInventory",
                        "ProcessPayment",
                        "CreateShipment",
                        "SendNotification",
                        "RecordOrderState");
        Panel errorRate = panel(results, SERVICES, "Error Rate");
        for (int row = 0; row < errorRate.rows().size(); row++) {
            assertThat(errorRate.number(row, "error_rate")).isBetween(0.0, 1.0);
        }
    }

    /** Filtering on the environment the collector set changes no total. */
    static void assertSameTotals(JsonNode filtered, JsonNode all) {
        for (String[] stat : new String[][] {
            {OVERVIEW, "Total Orders", "total"}, {OVERVIEW, "Failed", "total"}, {REVENUE, "Total Revenue", "total"}
        }) {
            assertThat(panel(filtered, stat[0], stat[1]).single(stat[2]))
                    .as(stat[1])
                    .isEqualTo(panel(all, stat[0], stat[1]).single(stat[2]));
        }
        assertThat(panel(filtered, SERVICES, "Service Health").rows())
                .hasSameSizeAs(panel(all, SERVICES, "Service Health").rows());
    }

    /** Where nothing happened: every panel answers, with no rows or only zeros and blanks ("No data"). */
    static void assertNoData(JsonNode results) {
        for (JsonNode dashboard : iterable(results)) {
            for (JsonNode panel : dashboard.path("panels")) {
                String title = panel.path("title").asText();
                assertThat(panel.has("error"))
                        .as(title + ": " + panel.path("error").asText())
                        .isFalse();
                panel.path("rows")
                        .forEach(row -> row.forEach(value -> assertThat(value.isNull()
                                        || value.isTextual()
                                        || value.asDouble() == 0
                                        || Double.isNaN(value.asDouble()))
                                .as(title + " shows " + row)
                                .isTrue()));
            }
        }
    }

    /** The variables find Scout's database by its tables, and the environments the collector set. */
    static void assertVariablesDiscover(JsonNode results, String database, String environment) {
        for (JsonNode dashboard : iterable(results)) {
            JsonNode variables = dashboard.path("variables");
            assertThat(column(variables.path("database"))).containsExactly(database);
            assertThat(column(variables.path("environment"))).containsExactly(environment);
        }
    }

    private static List<String> column(Panel panel, String name) {
        List<String> values = new ArrayList<>();
        for (int row = 0; row < panel.rows().size(); row++) {
            values.add(panel.string(row, name));
        }
        return values.stream().distinct().toList();
    }

    private static List<String> column(JsonNode variable) {
        assertThat(variable.has("error")).as(variable.path("error").asText()).isFalse();
        List<String> values = new ArrayList<>();
        variable.path("rows").forEach(row -> values.add(row.get(0).asText()));
        return values;
    }

    private static Map<String, Long> longs(Map<String, Double> sums) {
        return sums.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> Math.round(entry.getValue()), (a, b) -> a, TreeMap::new));
    }

    private static Iterable<JsonNode> iterable(JsonNode results) {
        List<JsonNode> dashboards = new ArrayList<>();
        results.elements().forEachRemaining(dashboards::add);
        return dashboards;
    }
}
