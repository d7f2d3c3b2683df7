package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The services' roles on a real (embedded) PostgreSQL 18: each owns its schema, and can reach nothing else. */
class ServiceAccountsTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void eachServiceOwnsItsSchemaAndCanReachNoOther() throws SQLException {
        // a data directory from before the roles: a schema and tables the superuser made
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE SCHEMA orders");
            sql.execute("CREATE TABLE orders.orders (id bigserial PRIMARY KEY, note text)");
        }
        ServiceAccounts accounts = new ServiceAccounts();
        try (Connection admin = postgres.getPostgresDatabase().getConnection()) {
            accounts.apply(admin);
            accounts.apply(admin); // every start: idempotent
        }

        try (Connection api = connect(accounts.environment(Service.API_SERVICE));
                Statement sql = api.createStatement()) {
            sql.execute("INSERT INTO orders.orders (note) VALUES ('mine')");
            sql.execute("ALTER TABLE orders.orders ADD COLUMN revision int"); // what a Flyway migration does
        }
        try (Connection payment = connect(accounts.environment(Service.PAYMENT_WORKER));
                Statement sql = payment.createStatement()) {
            sql.execute("CREATE TABLE payment.charges (id int)");
            assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM orders.orders"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.execute("CREATE TABLE public.anything (id int)"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.execute("CREATE SCHEMA elsewhere")).hasMessageContaining("permission denied");
        }
        assertThat(accounts.environment(Service.ORDER_WORKFLOW_WORKER)).isEmpty();
    }

    /** The launcher's schema of each service is the one its Flyway migrates. */
    @Test
    void eachSchemaIsTheOneTheServiceMigrates() throws IOException {
        for (Service service : Service.values()) {
            Path yaml =
                    Settings.findRoot().resolve(service.moduleName()).resolve("src/main/resources/application.yaml");
            Map<String, Object> application = new Yaml().load(Files.readString(yaml));
            Object flyway = at(application, List.of("spring", "flyway", "schemas"));
            assertThat(service.schema().orElse(null)).as(service.moduleName()).isEqualTo(flyway);
        }
    }

    private static Connection connect(Map<String, String> login) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                login.get("SPRING_DATASOURCE_USERNAME"),
                login.get("SPRING_DATASOURCE_PASSWORD"));
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> tree, List<String> path) {
        Object node = tree;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node;
    }
}
