package dev.orders.fulfillment.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's PostgreSQL: an embedded PostgreSQL 18 whose data stays in the data directory, so orders outlive a
 * restart, unless {@code DATABASE_URL} or {@code SPRING_DATASOURCE_URL} names a server the services then use directly.
 */
final class Postgres implements AutoCloseable {

    static final String DATABASE = "orders";
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres embedded;
    private final ServiceAccounts accounts;
    private final String description;
    private final Settings settings;

    private Postgres(EmbeddedPostgres embedded, ServiceAccounts accounts, String description, Settings settings) {
        this.embedded = embedded;
        this.accounts = accounts;
        this.description = description;
        this.settings = settings;
    }

    static Postgres start(Settings settings) throws IOException {
        if (usesExternalDatabase(settings.environment())) {
            return new Postgres(null, null, "PostgreSQL from DATABASE_URL / SPRING_DATASOURCE_URL", settings);
        }
        return start(settings, new ServiceAccounts());
    }

    /**
     * The same server started again on its data directory, after {@link #close()}, with the roles and passwords the
     * running services know (the drills' outage).
     */
    Postgres restart() throws IOException {
        if (embedded == null) {
            throw new IllegalStateException("the stack does not run this PostgreSQL: " + description);
        }
        return start(settings, accounts);
    }

    private static Postgres start(Settings settings, ServiceAccounts accounts) throws IOException {
        Ports.requireFree(settings.postgresPort(), "PostgreSQL");
        Path dataDir = settings.dataDir().resolve("postgres");
        Path log = settings.logDir().resolve("postgres.log");
        Files.createDirectories(log.getParent());
        // appended to, not truncated: pg_ctl and the server it leaves running write to it at the same time
        Files.deleteIfExists(log);
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(settings.postgresPort())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                // RunningStack stops PostgreSQL itself, after the services that use it
                .setRegisterShutdownHook(false)
                .start();
        try {
            createDatabase(embedded);
            try (Connection orders = embedded.getDatabase(USER, DATABASE).getConnection()) {
                accounts.apply(orders);
            }
        } catch (SQLException e) {
            embedded.close();
            throw new IOException("cannot create database " + DATABASE + " and the services' roles", e);
        }
        return new Postgres(
                embedded,
                accounts,
                "PostgreSQL on :" + embedded.getPort() + " (data in " + dataDir + "; a role per service)",
                settings);
    }

    private static boolean usesExternalDatabase(Map<String, String> environment) {
        return isSet(environment.get("DATABASE_URL")) || isSet(environment.get("SPRING_DATASOURCE_URL"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static void createDatabase(EmbeddedPostgres embedded) throws SQLException {
        try (Connection connection = embedded.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?");
                Statement create = connection.createStatement()) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                create.execute("create database " + DATABASE);
            }
        }
    }

    /** Empty when the services use a server the environment names. */
    Optional<String> jdbcUrl() {
        return Optional.ofNullable(embedded)
                .map(postgres -> "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE);
    }

    /**
     * The service's database: the embedded one as its own role. For an external server nothing: the services read
     * DATABASE_URL or SPRING_DATASOURCE_* themselves.
     */
    Map<String, String> serviceEnvironment(Service service) {
        if (embedded == null || service.schema().isEmpty()) {
            return Map.of();
        }
        Map<String, String> environment = new HashMap<>(accounts.environment(service));
        environment.put("SPRING_DATASOURCE_URL", jdbcUrl().orElseThrow());
        return environment;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        if (embedded != null) {
            Terminal.say("Stopping " + description);
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
