package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * {@code docker compose up} for real, on a Docker engine through Testcontainers and the machine's own
 * {@code docker-compose}: every health check and job, the seed's four scenarios through the API, a loadgen run
 * ({@code docker-compose run --rm loadgen}, as README says), an order's trace from all seven services through the
 * collector to a stand-in for Scout (its OAuth2 token endpoint and OTLP/HTTP receiver, on the engine's bridge), and
 * Temporal's databases as the schema job made them, holding the orders' workflows. {@link ComposeImages} says which
 * images ({@code COMPOSE_IMAGES}); {@code make compose-check} runs only this test, on the local ones. Without an
 * engine or {@code docker-compose} the test is reported skipped (on CI, where {@code .ci/run} starts an engine, it
 * fails). Everything it started is taken down with its volumes at the end, also when a step fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackTest {

    private static final Path ROOT = Settings.findRoot();
    /** The compose project is this and a random suffix: leftovers of a run that was killed are recognised by it. */
    private static final String PROJECT_PREFIX = "ordercheck";

    private static final String PROJECT_LABEL = "com.docker.compose.project";
    private static final String SERVICE_LABEL = "com.docker.compose.service";
    private static final String CLIENT_ID = "order-fulfillment-collector";
    private static final String ENVIRONMENT = "compose-check";
    /** compose.yml's host ports, each moved to a free one: a make run or another stack may hold the defaults. */
    private static final List<String> PORT_VARIABLES = List.of(
            "API_PORT",
            "TEMPORAL_PORT",
            "TEMPORAL_UI_PORT",
            "POSTGRES_PORT",
            "OTLP_GRPC_PORT",
            "OTLP_HTTP_PORT",
            "COLLECTOR_HEALTH_PORT",
            "COLLECTOR_METRICS_PORT");

    private static final Set<String> WAITING = Set.of("manual_review", "backordered");
    private static final Duration READY = Duration.ofMinutes(10);
    private static final Duration LOADGEN = Duration.ofMinutes(5);

    private final String clientSecret = UUID.randomUUID().toString();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> placedWorkflows = Collections.synchronizedMap(new LinkedHashMap<>());
    private ComposeImages images;
    private OtlpReceiver scout;
    private OAuth2TokenEndpoint tokens;
    private DockerComposeContainer<?> stack;
    private String project;
    private OrdersApi api;
    private String orderTraceId;

    @BeforeAll
    void up() throws Exception {
        RealParts.require(
                DockerClientFactory.instance().isDockerAvailable(),
                "needs a Docker engine, and none answers (Testcontainers looked at DOCKER_HOST and the default socket)");
        RealParts.require(
                GoTools.findOnPath("docker-compose", System.getenv().getOrDefault("PATH", ""))
                        .isPresent(),
                "needs docker-compose on the PATH (`apt-get install docker-compose`)");
        Optional<InetAddress> bridge = bridgeAddress();
        RealParts.require(
                bridge.isPresent(),
                "needs the engine's docker0 bridge on this machine (a Linux engine): the collector in the stack "
                        + "exports to a stand-in for Scout listening there");

        images = ComposeImages.fromEnvironment(System.getenv());
        long started = System.nanoTime();
        Path imagesLog = ROOT.resolve("local-stack/target/compose-images.log");
        progress("images: " + images.name().toLowerCase(Locale.ROOT) + " (" + imagesLog + ")");
        images.prepare(ROOT, imagesLog);
        progress("images ready in " + seconds(started));
        removeLeftovers();

        scout = OtlpReceiver.start(bridge.orElseThrow());
        tokens = OAuth2TokenEndpoint.on(scout, "/oauth/token", CLIENT_ID, clientSecret);
        // the seed's demo simulation would send a few orders down other paths on purpose: off, for exact outcomes
        environment.put("SIMULATION_ENABLED", "false");
        environment.put("SCOUT_ENDPOINT", scout.endpoint());
        environment.put("SCOUT_TOKEN_URL", scout.endpoint() + "/oauth/token");
        environment.put("SCOUT_CLIENT_ID", CLIENT_ID);
        environment.put("SCOUT_CLIENT_SECRET", clientSecret);
        environment.put("SCOUT_ENVIRONMENT", ENVIRONMENT);
        for (String variable : PORT_VARIABLES) {
            environment.put(variable, Integer.toString(freePort()));
        }
        if (images.builtByCompose()) {
            // the Dockerfile's RUN --mount needs BuildKit, which docker-compose 1.x reaches through the docker CLI
            environment.put("COMPOSE_DOCKER_CLI_BUILD", "1");
            environment.put("DOCKER_BUILDKIT", "1");
        }

        // docker-compose's own output (what it made, and why an up failed) into this test's output
        System.setProperty("org.slf4j.simpleLogger.log.tc.docker-compose", "info");
        stack = new DockerComposeContainer<>(PROJECT_PREFIX, images.files(ROOT))
                .withBuild(images.builtByCompose())
                .withPull(images.builtByCompose())
                .withEnv(environment);
        for (Service service : Service.values()) {
            stack.waitingFor(service.moduleName(), Wait.forHealthcheck().withStartupTimeout(READY));
        }
        started = System.nanoTime();
        stack.start();
        progress("stack up, the seven services healthy, in " + seconds(started));
        project = stack.getContainerByServiceName(Service.API_SERVICE.moduleName())
                .orElseThrow()
                .getContainerInfo()
                .getConfig()
                .getLabels()
                .get(PROJECT_LABEL);
        api = new OrdersApi(published("API_PORT"));
        System.out.println("report: ComposeStackTest ran " + String.join(" + ", images.fileNames()) + " ("
                + ComposeImages.VARIABLE + "=" + images.name().toLowerCase(Locale.ROOT)
                + ") on Docker engine "
                + DockerClientFactory.instance().client().versionCmd().exec().getVersion() + ", project " + project);
    }

    @AfterAll
    void down() throws IOException {
        try {
            if (stack != null) {
                try {
                    saveLogs();
                } finally {
                    // docker-compose down -v: the containers, the network and the volumes
                    stack.stop();
                }
            }
        } finally {
            if (scout != null) {
                scout.close();
            }
        }
    }

    @Test
    @Order(1)
    void everyServiceIsUpEveryHealthCheckPassesAndEveryJobSucceeded() throws Exception {
        ComposeFiles files = ComposeFiles.read(images.files(ROOT));
        Map<String, InspectContainerResponse> containers = containersOf(project);

        assertThat(containers.keySet()).containsExactlyInAnyOrderElementsOf(files.startedByUp());
        containers.forEach((service, container) -> {
            InspectContainerResponse.ContainerState state = container.getState();
            // a job that exited 1 and was restarted fails compose's up, whatever its restart policy
            assertThat(container.getRestartCount()).as(service + " restarts").isZero();
            if (files.jobs().contains(service)) {
                assertThat(state.getStatus()).as(service).isEqualTo("exited");
                assertThat(state.getExitCodeLong()).as(service).isZero();
            } else {
                assertThat(state.getStatus()).as(service).isEqualTo("running");
                if (state.getHealth() != null) {
                    assertThat(state.getHealth().getStatus()).as(service).isEqualTo("healthy");
                }
            }
        });
        // the collector's image has no health check compose could run; its health_check extension answers outside
        OrdersApi collector = new OrdersApi(published("COLLECTOR_HEALTH_PORT"));
        HttpResponse<String> health = collector.send(HttpRequest.newBuilder(collector.uri("/")));
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void theTemporalServerStartedOnTheMountedDynamicConfigAndTheSchemaTheJobMade() {
        // without the file compose mounts, the 1.31 server exits at start (its built-in path is not in the image)
        assertThat(logsOf("temporal"))
                .contains("Updated dynamic config")
                .doesNotContain("dynamic config error")
                .doesNotContain("Unable to update dynamic config");
        assertThat(logsOf("temporal-schema")).contains("Temporal schema is up to date");
    }

    @ParameterizedTest(name = "{0}")
    @Order(3)
    @CsvSource(
            delimiter = '|',
            value = {
                "auto-approve   | {\"customer_id\":\"premium-customer\",\"customer_tier\":\"premium\",\"items\":[{\"product_id\":\"prod-1\",\"quantity\":1,\"price\":50}]} | completed",
                "manual review  | {\"customer_id\":\"new-customer\",\"customer_tier\":\"new\",\"items\":[{\"product_id\":\"prod-1\",\"quantity\":100,\"price\":5000}]} | manual_review",
                "backorder      | {\"customer_id\":\"test-customer\",\"items\":[{\"product_id\":\"out-of-stock-item\",\"quantity\":1000}]} | backordered",
                "payment failed | {\"customer_id\":\"test-customer\",\"items\":[{\"product_id\":\"prod-1\",\"quantity\":1}],\"payment_method\":\"test_decline\"} | payment_failed"
            })
    void theSeedsScenarioReachesItsState(String scenario, String body, String expected) throws Exception {
        HttpResponse<String> response = api.post("/api/orders", body);
        JsonNode order = api.placed(response).path("order");
        if (expected.equals("completed")) {
            orderTraceId = OrdersApi.traceIdOf(response);
        }

        api.awaitStatus(order, expected);
        placedWorkflows.put("order-" + OrdersApi.id(order), expected);
    }

    @Test
    @Order(4)
    void aLoadgenRunThroughTheStackReconciles() throws Exception {
        List<String> command = List.of("run", "--rm", "loadgen", "--count", "20", "--rps", "2", "--seed", "16");
        ComposeCli.Result run = new ComposeCli(images.files(ROOT), project, environment).run(command, LOADGEN);

        System.out.println(run.output());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("sent 20 ").contains("accepted 20,").contains(" 5xx 0,");
    }

    @Test
    @Order(5)
    void anOrdersTraceReachesScoutThroughTheCollectorFromAllSevenServices() {
        assertThat(orderTraceId).as("the auto-approved order's trace").isNotNull();
        List<String> services =
                Arrays.stream(Service.values()).map(Service::moduleName).toList();

        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(ExportedSpans.ofTrace(scout, orderTraceId))
                        .extracting(ExportedSpans.Span::service)
                        .containsAll(services));
        assertThat(scout.authorizations()).containsOnly("Bearer " + tokens.token());
        assertThat(scout.spans())
                .allSatisfy(resource -> assertThat(
                                OtlpReceiver.attributes(resource.getResource().getAttributesList()))
                        .containsEntry("deployment.environment", ENVIRONMENT));
    }

    @Test
    @Order(6)
    void temporalsVisibilityStoreOnTheJobsSchemaHoldsEachOrdersWorkflow() throws Exception {
        assertThat(placedWorkflows).hasSize(4);
        String url = "jdbc:postgresql://" + DockerClientFactory.instance().dockerHostIpAddress() + ":"
                + environment.get("POSTGRES_PORT") + "/temporal_visibility";
        Map<String, String> found = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                PreparedStatement query = connection.prepareStatement(
                        "select workflow_id, status from executions_visibility where workflow_id = any (?)")) {
            query.setArray(
                    1, connection.createArrayOf("text", placedWorkflows.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    // Temporal's WorkflowExecutionStatus: 1 is RUNNING, the rest are ways of having closed
                    found.put(rows.getString(1), rows.getInt(2) == 1 ? "running" : "closed");
                }
            }
        }
        // held for review or backordered, the workflow waits for a decision or a restock; the others have ended
        Map<String, String> expected = new TreeMap<>();
        placedWorkflows.forEach(
                (workflow, status) -> expected.put(workflow, WAITING.contains(status) ? "running" : "closed"));
        assertThat(found).isEqualTo(expected);
    }

    private static void progress(String line) {
        System.out.println("compose-check: " + line);
    }

    private static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    /** Where a port compose publishes on the engine's host (from {@code variable}) is reached from here. */
    private String published(String variable) {
        return "http://" + DockerClientFactory.instance().dockerHostIpAddress() + ":" + environment.get(variable);
    }

    private String logsOf(String service) {
        InspectContainerResponse container = containersOf(project).get(service);
        assertThat(container).as(service).isNotNull();
        return containerLog(container.getId());
    }

    private static String containerLog(String containerId) {
        StringBuilder text = new StringBuilder();
        try {
            DockerClientFactory.instance()
                    .client()
                    .logContainerCmd(containerId)
                    .withStdOut(true)
                    .withStdErr(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    })
                    .awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text.toString();
    }

    /** Every container's log, for a failure to be read after the stack is gone: under target/compose-logs. */
    private static void saveLogs() throws IOException {
        Path dir = ROOT.resolve("local-stack/target/compose-logs");
        Files.createDirectories(dir);
        DockerClient docker = DockerClientFactory.instance().client();
        for (Container container : docker.listContainersCmd().withShowAll(true).exec()) {
            if (container.getLabels().getOrDefault(PROJECT_LABEL, "").startsWith(PROJECT_PREFIX)) {
                Files.writeString(
                        dir.resolve(container.getLabels().get(SERVICE_LABEL) + ".log"),
                        containerLog(container.getId()));
            }
        }
        progress("each container's log: " + dir);
    }

    /** Each service's container of {@code project}, inspected. */
    private static Map<String, InspectContainerResponse> containersOf(String project) {
        DockerClient docker = DockerClientFactory.instance().client();
        Map<String, InspectContainerResponse> containers = new TreeMap<>();
        for (Container container : docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(PROJECT_LABEL, project))
                .exec()) {
            containers.put(
                    container.getLabels().get(SERVICE_LABEL),
                    docker.inspectContainerCmd(container.getId()).exec());
        }
        return containers;
    }

    /** Projects a killed run of this test left behind (no Ryuk here to reap them): taken down before starting. */
    private void removeLeftovers() throws IOException, InterruptedException {
        DockerClient docker = DockerClientFactory.instance().client();
        Set<String> leftovers = new TreeSet<>();
        for (Container container : docker.listContainersCmd().withShowAll(true).exec()) {
            String owner = container.getLabels().getOrDefault(PROJECT_LABEL, "");
            if (owner.startsWith(PROJECT_PREFIX)) {
                leftovers.add(owner);
            }
        }
        for (String leftover : leftovers) {
            new ComposeCli(images.files(ROOT), leftover, Map.of())
                    .run(List.of("down", "-v", "--remove-orphans"), Duration.ofMinutes(2));
        }
    }

    /** The IPv4 address of Docker's default bridge on this machine: containers of any bridge network reach it. */
    private static Optional<InetAddress> bridgeAddress() throws SocketException {
        NetworkInterface docker0 = NetworkInterface.getByName("docker0");
        if (docker0 == null) {
            return Optional.empty();
        }
        return docker0.inetAddresses().filter(Inet4Address.class::isInstance).findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
