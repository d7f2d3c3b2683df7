package dev.orders.fulfillment.localstack;

import java.io.IOException;

/**
 * {@code make run}: PostgreSQL, a Temporal frontend and the seven services on one machine with nothing but a JDK.
 * {@link #start} is the same for tests.
 */
public final class LocalStack {

    private LocalStack() {
    }

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

    public static void main(String[] args) throws InterruptedException {
        Settings settings;
        try {
            settings = Settings.fromEnvironment();
        } catch (IllegalArgumentException | IllegalStateException e) {
            Terminal.say(e.getMessage());
            System.exit(2);
            return;
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
        var exited = stack.awaitServiceExit();
        if (exited.isPresent()) {
            Terminal.say(exited.get().exitReport());
            Terminal.say("Stopping everything");
            System.exit(1);
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
        for (Service service : Service.values()) {
            row(text, service.moduleName(), service.readinessUrl(settings));
        }
        stack.jdbcUrl().ifPresentOrElse(url -> {
            row(text, "PostgreSQL", url + "  (user " + Postgres.USER + ", password " + Postgres.PASSWORD + ")");
            row(text, "  psql", "psql postgresql://" + Postgres.USER + ":" + Postgres.PASSWORD + "@localhost:"
                    + settings.postgresPort() + "/" + Postgres.DATABASE);
        }, () -> row(text, "PostgreSQL", "from DATABASE_URL / SPRING_DATASOURCE_URL"));
        row(text, "Temporal", stack.temporalAddress());
        stack.temporalUiUrl().ifPresent(url -> row(text, "  UI", url));
        row(text, "Logs", settings.logDir().resolve("<service>.log").toString());
        text.append(System.lineSeparator())
                .append("Try it:").append(System.lineSeparator())
                .append("  curl -i -X POST ").append(api).append("/orders -H 'Content-Type: application/json' \\")
                .append(System.lineSeparator())
                .append("    -d '{\"customer_id\":\"premium-customer\",\"customer_tier\":\"premium\",")
                .append("\"items\":[{\"product_id\":\"prod-1\",\"quantity\":1,\"price\":50}]}'")
                .append(System.lineSeparator()).append(System.lineSeparator())
                .append("Ctrl-C stops everything.").append(System.lineSeparator());
        return text.toString();
    }

    private static void row(StringBuilder text, String what, String where) {
        text.append(String.format("  %-23s %s%n", what, where));
    }
}
