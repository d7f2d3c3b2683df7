package dev.orders.fulfillment.localstack;

import static dev.orders.fulfillment.localstack.OrdersApi.traceIdOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The telemetry pipeline as users run it: the seven services export to the collector {@code make collector}
 * builds, running on the committed {@code otel-collector.yaml} with only what the file reads from the environment
 * set ({@code SCOUT_*}), and the collector forwards to a stand-in for Scout: an OAuth2 client-credentials token
 * endpoint and an OTLP/HTTP receiver on one port. A file exporter is added beside Scout's for the dashboard
 * queries; the committed pipelines are otherwise untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectorPipelineEndToEndTest {

    private static final Path ROOT = Settings.findRoot();
    private static final String ENVIRONMENT = "pipeline-test";
    /** Scout names an org's database after it: a hyphen, which an unquoted identifier cannot hold. */
    private static final String DATABASE = "acme-corp";

    private static final String CLIENT_ID = "order-fulfillment-collector";
    private static final String AUDIENCE = "b14collector";
    private static final String SCOUT_EXPORTER = "exporter=\"otlp_http/scout\"";
    private static final List<String> SERVICES =
            Arrays.stream(Service.values()).map(Service::moduleName).toList();

    @TempDir
    static Path dataDir;

    private final String clientSecret = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newHttpClient();
    private OtlpReceiver scout;
    private OAuth2TokenEndpoint tokens;
    private Collector collector;
    private RunningStack stack;
    private OrdersApi api;
    private String orderTraceId;
    private long startedMs;

    @BeforeAll
    void startPipeline() throws Exception {
        RealParts.requireCollector();
        startedMs = System.currentTimeMillis();
        scout = OtlpReceiver.start();
        tokens = OAuth2TokenEndpoint.on(scout, "/oauth/token", CLIENT_ID, clientSecret);

        Map<String, String> environment = RealParts.stackEnvironment();
        environment.keySet().removeIf(name -> name.startsWith("SCOUT_"));
        environment.putAll(Map.of(
                "SCOUT_ENDPOINT", scout.endpoint(),
                "SCOUT_TOKEN_URL", scout.endpoint() + "/oauth/token",
                "SCOUT_CLIENT_ID", CLIENT_ID,
                "SCOUT_CLIENT_SECRET", clientSecret,
                "SCOUT_AUDIENCE", AUDIENCE,
                "SCOUT_ENVIRONMENT", ENVIRONMENT));
        Settings collectorSettings = Settings.fromEnvironment(ROOT, environment).withDataDir(dataDir);
        collector = Collector.start(collectorSettings, List.of(fileExporterOverlay(dataDir.resolve("telemetry"))));

        environment.keySet().removeIf(name -> name.startsWith("SCOUT_"));
        RealParts.exportPromptlyTo(environment, Collector.OTLP_HTTP);
        stack = LocalStack.start(
                Settings.fromEnvironment(ROOT, environment).withDataDir(dataDir).withPorts(18080, 25432, 17233));
        api = new OrdersApi(stack.baseUrl());

        HttpResponse<String> placed = api.post("/api/orders", """
                {"customer_id":"premium-customer","customer_tier":"premium",
                 "items":[{"product_id":"prod-1","quantity":1,"price":50}]}""");
        orderTraceId = traceIdOf(placed);
        api.awaitStatus(api.placed(placed).path("order"), "completed");
        // probes as a load balancer would send them: the collector must keep them from Scout
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/actuator/health"))).statusCode())
                .isEqualTo(200);
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/health"))).statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    void stopPipeline() throws Exception {
        stopStackAndCollector();
        if (scout != null) {
            scout.close();
        }
    }

    /** The services flush their last metrics as they stop, then the collector its batches and files. */
    private void stopStackAndCollector() throws Exception {
        if (stack != null) {
            stack.close();
            stack = null;
        }
        if (collector != null) {
            collector.close();
            collector = null;
        }
    }

    @Test
    @Order(1)
    void anOrdersTraceReachesScoutThroughTheCollectorFromAllSevenServices() {
        await().atMost(OrdersApi.SETTLE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(ExportedSpans.ofTrace(scout, orderTraceId))
                        .extracting(ExportedSpans.Span::service)
                        .containsAll(SERVICES));
    }

    @Test
    @Order(2)
    void everyExportCarriesTheBearerTokenTheTokenEndpointIssued() {
        await().atMost(OrdersApi.SETTLE).until(() -> !scout.authorizations().isEmpty());

        assertThat(scout.authorizations()).containsOnly("Bearer " + tokens.token());
        assertThat(tokens.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.clientId()).isEqualTo(CLIENT_ID);
            assertThat(request.clientSecret()).isEqualTo(clientSecret);
            assertThat(request.form())
                    .containsEntry("grant_type", "client_credentials")
                    .containsEntry("audience", AUDIENCE);
        });
    }

    @Test
    @Order(3)
    void metricsAndLogsOfEveryServiceArriveToo() {
        await().atMost(OrdersApi.SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(services(scout.metrics().stream().map(ResourceMetrics::getResource)))
                    .containsAll(SERVICES);
            assertThat(services(scout.logs().stream().map(ResourceLogs::getResource)))
                    .containsAll(SERVICES);
        });
        assertThat(ExportedMetrics.all(scout))
                .extracting(ExportedMetrics.Point::metric)
                .contains("orders.processed", "http.server.requests");
    }

    @Test
    @Order(4)
    void healthChecksAndDatabaseCallsOfNoRequestAreFilteredOut() throws Exception {
        // the collector saw them (the launcher's readiness probes, the test's, the dispatcher's polling) ...
        await().atMost(OrdersApi.SETTLE)
                .until(() -> collectorCounter("otelcol_processor_filter_spans_filtered", "") > 0);
        // ... and Scout gets none of them
        List<ExportedSpans.Span> spans = ExportedSpans.all(scout);
        assertThat(spans).isNotEmpty();
        assertThat(spans)
                .noneMatch(
                        span -> span.attributes().getOrDefault("url.path", "").matches("^/(actuator|api/health).*"));
        assertThat(spans)
                .noneMatch(
                        span -> span.attributes().getOrDefault("http.route", "").matches("^/(actuator|api/health).*"));
        assertThat(spans)
                .noneMatch(span -> span.isRoot()
                        && (span.attributes().containsKey("db.system")
                                || span.attributes().containsKey("db.system.name")));
    }

    @Test
    @Order(5)
    void everythingIsLabelledWithScoutsEnvironment() {
        List<Resource> resources = Stream.of(
                        scout.spans().stream().map(ResourceSpans::getResource),
                        scout.metrics().stream().map(ResourceMetrics::getResource),
                        scout.logs().stream().map(ResourceLogs::getResource))
                .flatMap(s -> s)
                .toList();

        assertThat(resources)
                .isNotEmpty()
                .allSatisfy(resource -> assertThat(OtlpReceiver.attributes(resource.getAttributesList()))
                        .containsEntry("deployment.environment", ENVIRONMENT));
    }

    @Test
    @Order(6)
    void theCollectorsHealthAndOwnMetricsAnswer() throws Exception {
        assertThat(get(Collector.HEALTH).statusCode()).isEqualTo(200);
        await().atMost(OrdersApi.SETTLE)
                .until(() -> collectorCounter("otelcol_exporter_sent_spans", SCOUT_EXPORTER) > 0);
        assertThat(collectorCounter("otelcol_exporter_send_failed_spans", SCOUT_EXPORTER))
                .isZero();
        assertThat(collectorCounter("otelcol_receiver_accepted_metric_points", ""))
                .isPositive();
        assertThat(collectorCounter("otelcol_receiver_accepted_log_records", ""))
                .isPositive();
    }

    @Test
    @Order(7)
    void makeVerifyScoutPassesAgainstTheStack() throws Exception {
        Result result = verifyScout(Map.of());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains(
                        "ok:   collector healthy",
                        "ok:   order placed, trace ",
                        "ok:   otelcol_receiver_accepted_spans rose",
                        "ok:   Scout exporter sent spans with no failures");
    }

    @Test
    @Order(8)
    void makeVerifyScoutFailsWhenNothingReachesScout() throws Exception {
        scout.refuse(true);
        try {
            Result result = verifyScout(Map.of("WAIT_SECONDS", "15"));

            assertThat(result.exitCode()).as(result.output()).isNotZero();
            assertThat(result.output()).contains("FAIL: otelcol_exporter_sent_spans (" + SCOUT_EXPORTER + ") stayed");
        } finally {
            scout.refuse(false);
        }
    }

    /**
     * Every panel's SQL, its macros expanded as the datasource does, run on ClickHouse over the exporter's tables
     * filled from this run, in a database named as Scout names them (after the org, with a hyphen): each returns
     * what its title promises, for orders on every path whose counts the database knows, and nothing on a range
     * or an environment without data.
     */
    @Test
    @Order(9)
    void everyDashboardPanelReturnsWhatItsTitlePromises(@TempDir Path work) throws Exception {
        // before the load: a machine without Python skips here
        Path python = DashboardPanels.requirePython(work.resolve("dashboard-panels.log"));
        Path report = work.resolve("load.json");
        int exit = new picocli.CommandLine(new dev.orders.fulfillment.loadgen.LoadGen())
                .execute(
                        "--url",
                        stack.baseUrl(),
                        "--count",
                        "30",
                        "--rps",
                        "6",
                        "--seed",
                        "2026",
                        "--mix",
                        "auto:40,review:20,backorder:20,decline:20",
                        "--review-after",
                        "1s",
                        "--wait-timeout",
                        "90s",
                        "--report",
                        report.toString());
        assertThat(exit).isZero();
        // the backorders wait for stock: a restock finishes them, so every order placed reaches a terminal status
        assertThat(api.post("/api/products/out-of-stock-item/restock", "{\"quantity\":1000}")
                        .statusCode())
                .isEqualTo(200);
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl().orElseThrow(), "postgres", "postgres")) {
            await().atMost(OrdersApi.SETTLE)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> number(
                                    db,
                                    "select count(*) from orders.orders where status not in "
                                            + "('completed', 'rejected', 'payment_failed', 'cancelled')")
                            == 0);
            Expected expected = Expected.of(db);
            stopStackAndCollector();
            long endedMs = System.currentTimeMillis();

            Path telemetry = dataDir.resolve("telemetry");
            keepForInspection(telemetry);
            JsonNode results = DashboardPanels.run(
                    python,
                    telemetry,
                    DATABASE,
                    List.of(
                            new DashboardPanels.Case("run", startedMs, endedMs, List.of()),
                            new DashboardPanels.Case(
                                    "environment", startedMs, endedMs, List.of("environment=" + ENVIRONMENT)),
                            new DashboardPanels.Case(
                                    "production", startedMs, endedMs, List.of("environment=production")),
                            new DashboardPanels.Case(
                                    "before", startedMs - 7_200_000, startedMs - 3_600_000, List.of())),
                    work);
            DashboardExpectations.assertRun(results.path("cases").path("run"), expected, SERVICES);
            DashboardExpectations.assertSameTotals(
                    results.path("cases").path("environment"),
                    results.path("cases").path("run"));
            DashboardExpectations.assertNoData(results.path("cases").path("production"));
            DashboardExpectations.assertNoData(results.path("cases").path("before"));
            DashboardExpectations.assertVariablesDiscover(results.path("cases").path("run"), DATABASE, ENVIRONMENT);
        }
    }

    /** What the dashboards must show, from the rows the services wrote. */
    record Expected(
            long orders,
            long completed,
            long backordered,
            long failed,
            Map<String, Long> byDecisionPath,
            Map<String, Long> byTier,
            double revenue,
            double averageCompleted,
            double lost,
            long highValue,
            Set<String> highValueOrderIds,
            long assessed,
            Map<String, Double> revenueByTier) {

        static Expected of(Connection db) throws SQLException {
            return new Expected(
                    number(db, "select count(*) from orders.orders"),
                    number(db, "select count(*) from orders.orders where status = 'completed'"),
                    number(
                            db,
                            "select count(distinct order_id) from orders.order_transitions "
                                    + "where status = 'backordered'"),
                    number(
                            db,
                            "select count(*) from orders.orders where status in "
                                    + "('rejected', 'payment_failed', 'cancelled')"),
                    counts(db, "select coalesce(decision_path, 'none'), count(*) from orders.orders group by 1"),
                    counts(db, "select customer_tier, count(*) from orders.orders group by 1"),
                    amount(db, "select coalesce(sum(total_amount), 0) from orders.orders where status = 'completed'"),
                    amount(db, "select coalesce(avg(total_amount), 0) from orders.orders where status = 'completed'"),
                    amount(db, "select coalesce(sum(total_amount), 0) from orders.orders where status <> 'completed'"),
                    number(db, "select count(*) from orders.orders where total_amount > 1000"),
                    Set.copyOf(strings(db, "select id::text from orders.orders where total_amount > 1000")),
                    number(db, "select count(*) from orders.orders where risk_score is not null"),
                    amounts(
                            db,
                            "select customer_tier, sum(total_amount) from orders.orders "
                                    + "where status = 'completed' group by 1"));
        }
    }

    private void keepForInspection(Path telemetry) throws IOException {
        Path kept = ROOT.resolve("local-stack/target/pipeline-telemetry");
        Files.createDirectories(kept);
        try (Stream<Path> files = Files.list(telemetry)) {
            for (Path file : files.toList()) {
                Files.copy(file, kept.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private static <T> List<T> rows(Connection db, String sql, Row<T> row) throws SQLException {
        List<T> values = new ArrayList<>();
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(row.read(rows));
            }
        }
        return values;
    }

    private static long number(Connection db, String sql) throws SQLException {
        return rows(db, sql, row -> row.getLong(1)).get(0);
    }

    private static double amount(Connection db, String sql) throws SQLException {
        return rows(db, sql, row -> row.getDouble(1)).get(0);
    }

    private static Map<String, Long> counts(Connection db, String sql) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        rows(db, sql, row -> counts.put(row.getString(1), row.getLong(2)));
        return counts;
    }

    private static Map<String, Double> amounts(Connection db, String sql) throws SQLException {
        Map<String, Double> amounts = new TreeMap<>();
        rows(db, sql, row -> amounts.put(row.getString(1), row.getDouble(2)));
        return amounts;
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        return rows(db, sql, row -> row.getString(1));
    }

    private record Result(int exitCode, String output) {}

    /**
     * {@code scripts/verify-scout.sh} as {@code make verify-scout} runs it, pointed at the test's stack, from a
     * directory without the developer's {@code .env}.
     */
    private Result verifyScout(Map<String, String> extra) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        ROOT.resolve("scripts/verify-scout.sh").toString())
                .directory(dataDir.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SCOUT_"));
        builder.environment()
                .putAll(Map.of(
                        "API_URL",
                        stack.baseUrl(),
                        "COLLECTOR_HOST",
                        "localhost",
                        "SCOUT_CLIENT_ID",
                        CLIENT_ID,
                        "SCOUT_CLIENT_SECRET",
                        clientSecret));
        builder.environment().putAll(extra);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }

    /**
     * The committed configuration's pipelines, each with a file exporter added after its own exporters (lists are
     * replaced when configurations merge, so each list is the committed one plus the file).
     */
    @SuppressWarnings("unchecked")
    private static Path fileExporterOverlay(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> committed;
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(Collector.CONFIGURATION))) {
            committed = new Yaml().load(reader);
        }
        Map<String, Object> pipelines =
                (Map<String, Object>) ((Map<String, Object>) committed.get("service")).get("pipelines");
        Map<String, Object> exporters = new LinkedHashMap<>();
        Map<String, Object> overlaid = new LinkedHashMap<>();
        pipelines.forEach((name, pipeline) -> {
            String file = "file/" + name;
            exporters.put(
                    file, Map.of("path", directory.resolve(name + ".jsonl").toString()));
            List<Object> list = new ArrayList<>((List<Object>) ((Map<String, Object>) pipeline).get("exporters"));
            list.add(file);
            overlaid.put(name, Map.of("exporters", list));
        });
        Path overlay = directory.resolve("file-exporter.yaml");
        Files.writeString(
                overlay, new Yaml().dump(Map.of("exporters", exporters, "service", Map.of("pipelines", overlaid))));
        return overlay;
    }

    private static Set<String> services(Stream<Resource> resources) {
        return resources.map(OtlpReceiver::serviceName).collect(Collectors.toSet());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A counter on the collector's own Prometheus endpoint, summed over the series whose labels contain {@code label}. */
    private double collectorCounter(String name, String label) throws IOException, InterruptedException {
        double sum = 0;
        for (String line : get("http://localhost:8888/metrics").body().split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String metric = line.split("[{ ]", 2)[0];
            if ((metric.equals(name) || metric.equals(name + "_total")) && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
