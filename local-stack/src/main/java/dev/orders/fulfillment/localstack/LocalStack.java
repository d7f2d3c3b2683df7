package dev.orders.fulfillment.localstack;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code make run}: PostgreSQL, a Temporal frontend and the seven services on one machine with nothing but a JDK.
 * {@link #start} is the same for tests.
 */
public final class LocalStack {

    private LocalStack() {}

    /** Starts everything and returns once every service is ready; on failure stops what it started. */
    public static RunningStack start(Settings settings) throws IOException, InterruptedException {
        RunningStack stack = new RunningStack(settings);
        try {
            stack.start();
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * {@link #start} on an empty data directory: what an earlier run on it left running (killed before it could stop
     * them) is stopped first, then the directory is emptied. For runs that measure from a known state (the drills).
     */
    public static RunningStack startAfresh(Settings settings) throws IOException, InterruptedException {
        StaleProcesses.stopAll(settings);
        if (Files.exists(settings.dataDir())) {
            try (Stream<Path> paths = Files.walk(settings.dataDir())) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return start(settings);
    }

    /** No arguments: {@code make run}. {@code install-temporal}: {@code make temporal}, the CLI and nothing else. */
    public static void main(String[] args) throws InterruptedException {
        Settings settings;
        try {
            settings = Settings.fromEnvironment();
            if (args.length > 1 || (args.length == 1 && !args[0].matches("install-(temporal|collector)"))) {
                throw new IllegalArgumentException("usage: local-stack [install-temporal | install-collector]");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            Terminal.say(e.getMessage());
            System.exit(2);
            return;
        }
        if (args.length == 1) {
            System.exit(args[0].equals("install-temporal") ? installTemporal(settings) : installCollector(settings));
        }
        RunningStack stack = new RunningStack(settings);
        // Ctrl-C or kill: the services stop first, while the database and Temporal they drain into are still up
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        try {
            stack.start();
        } catch (IOException | RuntimeException e) {
            if (!stack.isClosed()) {
                Terminal.say("Could not start: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        System.out.println(summary(stack));
        if (settings.restart()) {
            stack.supervise();
            return;
        }
        var exited = stack.awaitServiceExit();
        if (exited.isPresent()) {
            Terminal.say(exited.get().exitReport());
            Terminal.say("Stopping everything (RESTART=no)");
            System.exit(1);
        }
    }

    /** The pinned CLI into .tools/bin unless it is there already (make run prefers one on the PATH, if any). */
    private static int installTemporal(Settings settings) throws InterruptedException {
        TemporalCli cli = TemporalCli.pinned();
        Path own = TemporalCli.projectBinary(settings);
        Optional<Path> go = GoTools.go(settings);
        if (go.isEmpty()) {
            Terminal.say("No Go on the PATH: cannot install the Temporal CLI. " + cli.howToGet());
            return 1;
        }
        if (Files.isExecutable(own) && cli.isCurrent(go.get(), own)) {
            Terminal.say("The Temporal CLI " + cli.version() + " is installed: "
                    + settings.root().relativize(own));
            return 0;
        }
        try {
            cli.install(go.get(), settings);
            return 0;
        } catch (IOException e) {
            Terminal.say(e.getMessage());
            return 1;
        }
    }

    /** {@code make collector}: the collector of collector/manifest.yaml in .tools/bin, built unless it is there. */
    private static int installCollector(Settings settings) throws InterruptedException {
        try {
            Path binary = Collector.ensureBuilt(settings);
            Terminal.say("The collector is built: " + settings.root().relativize(binary));
            return 0;
        } catch (IOException | IllegalStateException e) {
            Terminal.say(e.getMessage());
            return 1;
        }
    }

    static String summary(RunningStack stack) {
        Settings settings = stack.settings();
        String api = stack.baseUrl() + "/api";
        StringBuilder text = new StringBuilder(System.lineSeparator());
        row(text, "API", api);
        row(text, "  products", api + "/products");
        row(text, "  orders", api + "/orders");
        row(text, "  health", api + "/health");
        String security = Service.securityMode(settings);
        row(
                text,
                "  security",
                "open".equalsIgnoreCase(security)
                        ? "open: no authentication, anyone here may do anything (" + Service.SECURITY_MODE
                                + "=jwt with a key: README, \"Authentication\")"
                        : security + ": bearer tokens with the endpoint's scope (README, \"Authentication\")");
        for (Service service : Service.values()) {
            row(text, service.moduleName(), service.readinessUrl(settings));
        }
        stack.jdbcUrl()
                .ifPresentOrElse(
                        url -> {
                            row(
                                    text,
                                    "PostgreSQL",
                                    url + "  (admin " + Postgres.USER + ", password " + Postgres.PASSWORD
                                            + "; each service signs in as a role of its own)");
                            row(
                                    text,
                                    "  psql",
                                    "psql postgresql://" + Postgres.USER + ":" + Postgres.PASSWORD + "@localhost:"
                                            + settings.postgresPort() + "/" + Postgres.DATABASE);
                        },
                        () -> row(text, "PostgreSQL", "from DATABASE_URL / SPRING_DATASOURCE_URL"));
        row(text, "Temporal", stack.temporalAddress() + "  (" + stack.temporalDescription() + ")");
        stack.temporalUiUrl().ifPresent(url -> row(text, "  UI", url));
        stack.temporalUiUrl()
                .ifPresent(url -> row(
                        text,
                        "  held orders",
                        url + "/namespaces/"
                                + TemporalFrontend.NAMESPACE + "/workflows?query="
                                + URLEncoder.encode("OrderStatus=\"manual_review\"", StandardCharsets.UTF_8)));
        if (stack.runsCollector()) {
            row(text, "Collector", Collector.OTLP_HTTP + " (OTLP/HTTP; gRPC on :4317)  health " + Collector.HEALTH);
            row(text, "  its metrics, zpages", "http://localhost:8888/metrics  http://localhost:55679/debug/tracez");
        }
        int niceness = settings.fulfillmentNice();
        row(
                text,
                "CPU priority",
                niceness == 0
                        ? "all alike (FULFILLMENT_NICE=0)"
                        : "api-service first: the workers and Temporal at nice " + niceness + " (FULFILLMENT_NICE)");
        row(text, "Logs", settings.logDir().resolve("<service>.log").toString());
        text.append(System.lineSeparator())
                .append("Try it:")
                .append(System.lineSeparator())
                .append("  curl -i -X POST ")
                .append(api)
                .append("/orders -H 'Content-Type: application/json' \\")
                .append(System.lineSeparator())
                .append("    -d '{\"customer_id\":\"premium-customer\",\"customer_tier\":\"premium\",")
                .append("\"items\":[{\"product_id\":\"prod-1\",\"quantity\":1,\"price\":50}]}'")
                .append(System.lineSeparator())
                .append(System.lineSeparator())
                .append(
                        settings.restart()
                                ? "A service that exits is started again (RESTART=no: stop everything" + " instead). "
                                : "RESTART=no: a service that exits stops everything. ")
                .append("Ctrl-C stops everything.")
                .append(System.lineSeparator());
        return text.toString();
    }

    private static void row(StringBuilder text, String what, String where) {
        text.append(String.format("  %-23s %s%n", what, where));
    }
}
